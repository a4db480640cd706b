package io.clvstream.topology;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fuzz test's own account of what the valid records must add up to, written from DESIGN.md and
 * docs/customer-topology.md without the project's ledger: orders (fully refunded ones leave), net
 * revenue in cents, the repeat flag (kept orders on two or more days) and the signup's segment.
 */
final class FuzzExpectation {

    enum Type { PURCHASE, REFUND, SIGNUP }

    /** One valid input event, already in base-currency cents and epoch days. */
    record Event(Type type, String customerId, String orderId, long day, long cents, String segment) {
    }

    static final class Order {
        final long day;
        final long cents;
        long refunded;

        Order(long day, long cents) {
            this.day = day;
            this.cents = cents;
        }

        long remaining() {
            return cents - refunded;
        }

        boolean kept() {
            return cents == 0 || refunded < cents;
        }
    }

    /** Expected figures of one customer. */
    record Customer(int orders, long netCents, boolean repeat, String segment) {
    }

    private final Map<String, Map<String, Order>> ordersByCustomer = new HashMap<>();
    private final Map<String, Long> netCents = new HashMap<>();
    private final Map<String, String> segments = new HashMap<>();
    private final Set<String> customers = new TreeSet<>();

    void apply(Event event) {
        customers.add(event.customerId());
        final Map<String, Order> orders = orders(event.customerId());
        switch (event.type()) {
            case PURCHASE -> {
                orders.put(event.orderId(), new Order(event.day(), event.cents()));
                netCents.merge(event.customerId(), event.cents(), Long::sum);
            }
            case REFUND -> {
                final Order order = orders.get(event.orderId());
                if (order != null) {
                    order.refunded += event.cents();
                }
                netCents.merge(event.customerId(), -event.cents(), Long::sum);
            }
            case SIGNUP -> segments.put(event.customerId(), event.segment());
        }
    }

    /** Orders of a customer by order id, for the generator to aim refunds at. */
    Map<String, Order> orders(String customerId) {
        return ordersByCustomer.computeIfAbsent(customerId, c -> new LinkedHashMap<>());
    }

    boolean signedUp(String customerId) {
        return segments.containsKey(customerId);
    }

    Set<String> customers() {
        return customers;
    }

    Customer customer(String customerId) {
        final Map<String, Order> orders = orders(customerId);
        final long kept = orders.values().stream().filter(Order::kept).count();
        final long days = orders.values().stream().filter(Order::kept).mapToLong(o -> o.day).distinct().count();
        return new Customer((int) kept, netCents.getOrDefault(customerId, 0L), days >= 2, segments.get(customerId));
    }
}
