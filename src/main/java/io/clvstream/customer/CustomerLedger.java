package io.clvstream.customer;

import io.clvstream.avro.internal.CustomerEvent;
import io.clvstream.avro.internal.CustomerState;
import io.clvstream.avro.internal.IdHash;
import io.clvstream.avro.internal.RecentOrder;
import io.clvstream.avro.internal.RecentRefund;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * Applies one customer event to the customer's state: the bookkeeping behind every figure the
 * topology publishes. Pure: no Kafka, no clock, no I/O. The result is independent of the order in
 * which purchases arrive, and of whether a refund arrives before or after its purchase (purchases and
 * refunds come from different topics, often different systems): a refund of an order not seen yet is
 * held on an awaited order entry and applied when the purchase comes within the refund window.
 * Duplicates (same orderId or refundId inside the refund window) change nothing.
 */
public final class CustomerLedger {

    /** What an event did. {@code changed == false} means a duplicate: nothing to store or emit. */
    public record Outcome(boolean changed, String note) {
        static final Outcome DUPLICATE = new Outcome(false, null);
    }

    // Lists are kept sorted, not in arrival order, so that any arrival order yields the same bytes.
    private static final Comparator<RecentOrder> ORDER_SEQUENCE = Comparator.comparingInt(RecentOrder::getDay)
        .thenComparing((a, b) -> Arrays.compareUnsigned(a.getIdHash().bytes(), b.getIdHash().bytes()));
    private static final Comparator<RecentRefund> REFUND_SEQUENCE = Comparator.comparingInt(RecentRefund::getDay)
        .thenComparing((a, b) -> Arrays.compareUnsigned(a.getIdHash().bytes(), b.getIdHash().bytes()));

    /**
     * {@code RecentOrder.cents} of an awaited order: only refunds of it have arrived, held in its
     * {@code refundedCents}; its {@code day} is the first such refund's. Never a kept order.
     */
    static final long AWAITED = -1;

    private final int windowDays;

    public CustomerLedger(CustomerTopologyConfig config) {
        this.windowDays = Math.toIntExact(config.refundWindow().toDays());
    }

    /** A state for a customer seen for the first time. */
    public static CustomerState empty() {
        return CustomerState.newBuilder().build();
    }

    /** @throws InvalidEventException for a refund larger than what remains of its order (state unchanged) */
    public Outcome apply(CustomerState state, CustomerEvent event) {
        return switch (event.getType()) {
            case PURCHASE -> purchase(state, event);
            case REFUND -> refund(state, event);
            case SIGNUP -> signup(state, event);
        };
    }

    private Outcome purchase(CustomerState state, CustomerEvent event) {
        final IdHash id = IdHashes.of(event.getEventId());
        final RecentOrder known = findOrder(state, id);
        if (known != null && !awaited(known)) {
            return Outcome.DUPLICATE;
        }
        final long at = event.getOccurredAt();
        final long cents = event.getAmountCents();
        final int day = UtcCalendar.day(at);
        final long latest = state.getLatestEventAt() == null ? at : Math.max(state.getLatestEventAt(), at);
        state.setLatestEventAt(latest);
        state.setFirstPurchaseAt(state.getFirstPurchaseAt() == null ? at : Math.min(state.getFirstPurchaseAt(), at));
        state.setLastPurchaseAt(state.getLastPurchaseAt() == null ? at : Math.max(state.getLastPurchaseAt(), at));
        state.setOrders(state.getOrders() + 1);
        state.setGrossCents(state.getGrossCents() + cents);
        state.setKeptCents(state.getKeptCents() + cents);
        if (event.getMarginCents() != null) {
            state.setMarginCents(state.getMarginCents() + event.getMarginCents());
            state.setMarginRevenueCents(state.getMarginRevenueCents() + cents);
        }
        addPurchaseDay(state, day, cents);
        MonthlySpend.add(state, UtcCalendar.month(at), cents);
        String note = null;
        if (known != null) {
            note = applyHeldRefunds(state, known, event, day);
        } else if (day >= windowStart(latest)) {
            addOrder(state, new RecentOrder(id, day, cents, 0L));
        } else {
            // Older than the refund window: no refund can reach it and no duplicate can be told apart.
            note = "order older than the " + windowDays + "-day refund window: counted, not kept for refunds";
        }
        prune(state);
        return new Outcome(true, note);
    }

    /**
     * The purchase of an awaited order: its held refunds now apply to it as if they had come after it. They
     * were taken off the spend of the awaited entry's month, so they move to the order's month; any part
     * beyond the order's amount stays a refund of revenue only (in order it would have been rejected, but
     * it was accepted before the order was known).
     */
    private String applyHeldRefunds(CustomerState state, RecentOrder awaited, CustomerEvent event, int day) {
        final long cents = event.getAmountCents();
        final long applied = Math.min(awaited.getRefundedCents(), cents);
        MonthlySpend.add(state, UtcCalendar.monthOfDay(awaited.getDay()), applied);
        MonthlySpend.add(state, UtcCalendar.monthOfDay(day), -applied);
        // The awaited entry becomes the order itself; its day changes, so the list is sorted again.
        awaited.setDay(day);
        awaited.setCents(cents);
        awaited.setRefundedCents(applied);
        setSorted(state, new ArrayList<>(state.getRecentOrders()));
        if (cents > 0 && applied == cents) {
            removeOrder(state, awaited);
            return "order " + event.getEventId() + " arrived after its full refund: order removed";
        }
        return "order " + event.getEventId() + " arrived after refunds of " + Money.toDecimal(applied).toPlainString();
    }

    private static void addOrder(CustomerState state, RecentOrder order) {
        final List<RecentOrder> orders = new ArrayList<>(state.getRecentOrders());
        orders.add(order);
        setSorted(state, orders);
    }

    private static void setSorted(CustomerState state, List<RecentOrder> orders) {
        orders.sort(ORDER_SEQUENCE);
        state.setRecentOrders(orders);
    }

    private Outcome refund(CustomerState state, CustomerEvent event) {
        final IdHash id = IdHashes.of(event.getEventId());
        for (final RecentRefund seen : state.getRecentRefunds()) {
            if (IdHashes.same(seen.getIdHash(), id)) {
                return Outcome.DUPLICATE;
            }
        }
        final long at = event.getOccurredAt();
        final long cents = event.getAmountCents();
        final IdHash orderId = IdHashes.of(event.getOrderId());
        final RecentOrder order = findOrder(state, orderId);
        final String note;
        if (order == null) {
            // Its purchase may still come (another topic, another system): held on an awaited entry until then.
            final int day = UtcCalendar.day(at);
            MonthlySpend.add(state, UtcCalendar.monthOfDay(day), -cents);
            addOrder(state, new RecentOrder(orderId, day, AWAITED, cents));
            note = "refund of unknown or expired order " + event.getOrderId() + ": revenue only until the order arrives";
        } else if (awaited(order)) {
            order.setRefundedCents(order.getRefundedCents() + cents);
            MonthlySpend.add(state, UtcCalendar.monthOfDay(order.getDay()), -cents);
            note = "another refund of unknown order " + event.getOrderId() + ": revenue only until the order arrives";
        } else {
            final long remaining = order.getCents() - order.getRefundedCents();
            if (cents > remaining) {
                throw new InvalidEventException(InvalidEventException.Code.REFUND_EXCEEDS_ORDER,
                    "Refund " + event.getEventId() + " of " + Money.toDecimal(cents).toPlainString() + " exceeds the "
                        + Money.toDecimal(remaining).toPlainString() + " that remains of order " + event.getOrderId());
            }
            order.setRefundedCents(order.getRefundedCents() + cents);
            // Spend goes back to the order's month, so the rolling window loses it when the order leaves it.
            MonthlySpend.add(state, UtcCalendar.monthOfDay(order.getDay()), -cents);
            if (order.getRefundedCents() == order.getCents()) {
                removeOrder(state, order);
                note = "full refund of order " + event.getOrderId() + ": order removed";
            } else {
                note = "partial refund of order " + event.getOrderId();
            }
        }
        state.setRefundedCents(state.getRefundedCents() + cents);
        state.setLatestEventAt(state.getLatestEventAt() == null ? at : Math.max(state.getLatestEventAt(), at));
        final List<RecentRefund> refunds = new ArrayList<>(state.getRecentRefunds());
        refunds.add(new RecentRefund(id, UtcCalendar.day(at)));
        refunds.sort(REFUND_SEQUENCE);
        state.setRecentRefunds(refunds);
        prune(state);
        return new Outcome(true, note);
    }

    private static Outcome signup(CustomerState state, CustomerEvent event) {
        // A repeated signup replaces the acquisition data; an identical one is a duplicate.
        final boolean same = state.getSignedUpAt() != null && state.getSignedUpAt() == event.getOccurredAt()
            && Objects.equals(state.getSegment(), event.getSegment())
            && Objects.equals(state.getAcquisitionChannel(), event.getAcquisitionChannel())
            && Objects.equals(state.getAcquisitionCostCents(), event.getAmountCents());
        if (same) {
            return Outcome.DUPLICATE;
        }
        state.setSignedUpAt(event.getOccurredAt());
        state.setSegment(event.getSegment());
        state.setAcquisitionChannel(event.getAcquisitionChannel());
        state.setAcquisitionCostCents(event.getAmountCents());
        return new Outcome(true, null);
    }

    /** A returned order is not a purchase: it leaves the order count and the repeat-purchase history. */
    private static void removeOrder(CustomerState state, RecentOrder order) {
        state.setOrders(state.getOrders() - 1);
        state.setKeptCents(state.getKeptCents() - order.getCents());
        final List<Integer> days = PurchaseDays.decode(state.getPurchaseDays());
        final int day = order.getDay();
        final boolean firstDay = !days.isEmpty() && days.get(0) == day;
        if (firstDay) {
            state.setFirstDayCents(state.getFirstDayCents() - order.getCents());
        }
        final boolean dayStillUsed = state.getRecentOrders().stream()
            .anyMatch(o -> o.getDay() == day && isKept(o));
        if (!dayStillUsed) {
            days.remove(Integer.valueOf(day));
            state.setPurchaseDays(PurchaseDays.encode(days));
            if (firstDay) {
                // The next first day is later than a day inside the window, so all its orders are still kept here.
                final Integer next = days.isEmpty() ? null : days.get(0);
                state.setFirstDayCents(next == null ? 0 : state.getRecentOrders().stream()
                    .filter(o -> o.getDay() == next && isKept(o)).mapToLong(RecentOrder::getCents).sum());
            }
        }
    }

    private static void addPurchaseDay(CustomerState state, int day, long cents) {
        final List<Integer> gaps = state.getPurchaseDays();
        final int latest = gaps.isEmpty() ? Integer.MAX_VALUE : PurchaseDays.last(gaps);
        if (day > latest) {
            // The usual case, a purchase on a new latest day: one more gap, the first day is untouched.
            final List<Integer> appended = new ArrayList<>(gaps.size() + 1);
            appended.addAll(gaps);
            appended.add(day - latest);
            state.setPurchaseDays(appended);
            return;
        }
        final List<Integer> days = PurchaseDays.decode(gaps);
        final int at = Collections.binarySearch(days, day);
        if (at < 0) {
            days.add(-at - 1, day);
            state.setPurchaseDays(PurchaseDays.encode(days));
        }
        if (days.get(0) == day) {
            state.setFirstDayCents((at < 0 ? 0 : state.getFirstDayCents()) + cents);
        }
    }

    static boolean isKept(RecentOrder order) {
        return order.getCents() == 0 || order.getRefundedCents() < order.getCents();
    }

    private static boolean awaited(RecentOrder order) {
        return order.getCents() == AWAITED;
    }

    private static RecentOrder findOrder(CustomerState state, IdHash id) {
        for (final RecentOrder order : state.getRecentOrders()) {
            if (IdHashes.same(order.getIdHash(), id)) {
                return order;
            }
        }
        return null;
    }

    private int windowStart(long latestEventAt) {
        return UtcCalendar.day(latestEventAt) - windowDays;
    }

    /** Drops the orders and refunds older than the window; the lists are copied only when one does leave. */
    private void prune(CustomerState state) {
        final int start = windowStart(state.getLatestEventAt());
        state.setRecentOrders(inWindow(state.getRecentOrders(), RecentOrder::getDay, start));
        state.setRecentRefunds(inWindow(state.getRecentRefunds(), RecentRefund::getDay, start));
    }

    private static <T> List<T> inWindow(List<T> entries, ToIntFunction<T> day, int start) {
        for (final T entry : entries) {
            if (day.applyAsInt(entry) < start) {
                return new ArrayList<>(entries.stream().filter(e -> day.applyAsInt(e) >= start).toList());
            }
        }
        return entries;
    }
}
