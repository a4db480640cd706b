package io.clvstream.customer;

import io.clvstream.avro.internal.CustomerEvent;
import io.clvstream.avro.internal.CustomerState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

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

    /** The figures of an entry of the state's order window besides its day: amount and refunded so far. */
    static final int ORDER_FIGURES = 2;
    static final int CENTS = 0;
    static final int REFUNDED = 1;
    /** An entry of the refund window has no figure besides its day. */
    static final int REFUND_FIGURES = 0;

    /**
     * {@link #CENTS} of an awaited order: only refunds of it have arrived, held in its {@link #REFUNDED};
     * its day is the first such refund's. Never a kept order.
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
        final long id = IdHashes.of(event.getEventId());
        final WindowEntries orders = orders(state);
        final int known = orders.find(id);
        if (known >= 0 && !awaited(orders, known)) {
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
        if (known >= 0) {
            note = applyHeldRefunds(state, orders, known, event, day);
        } else if (day >= windowStart(latest)) {
            orders.setFigure(orders.add(id, day), CENTS, cents);
        } else {
            // Older than the refund window: no refund can reach it and no duplicate can be told apart.
            note = "order older than the " + windowDays + "-day refund window: counted, not kept for refunds";
        }
        // Most customers never had a refund: their empty refund window is not even parsed.
        prune(state, orders, state.getRefundWindow().hasRemaining() ? refunds(state) : null);
        return new Outcome(true, note);
    }

    /**
     * The purchase of an awaited order: its held refunds now apply to it as if they had come after it. They
     * were taken off the spend of the awaited entry's month, so they move to the order's month; any part
     * beyond the order's amount stays a refund of revenue only (in order it would have been rejected, but
     * it was accepted before the order was known).
     */
    private String applyHeldRefunds(CustomerState state, WindowEntries orders, int awaited, CustomerEvent event, int day) {
        final long cents = event.getAmountCents();
        final long applied = Math.min(orders.figure(awaited, REFUNDED), cents);
        MonthlySpend.add(state, UtcCalendar.monthOfDay(orders.day(awaited)), applied);
        MonthlySpend.add(state, UtcCalendar.monthOfDay(day), -applied);
        // The awaited entry becomes the order itself, moved to the order's day.
        final int order = orders.move(awaited, day);
        orders.setFigure(order, CENTS, cents);
        orders.setFigure(order, REFUNDED, applied);
        if (cents > 0 && applied == cents) {
            removeOrder(state, orders, order);
            return "order " + event.getEventId() + " arrived after its full refund: order removed";
        }
        return "order " + event.getEventId() + " arrived after refunds of " + Money.toDecimal(applied).toPlainString();
    }

    private Outcome refund(CustomerState state, CustomerEvent event) {
        final long id = IdHashes.of(event.getEventId());
        final WindowEntries refunds = refunds(state);
        if (refunds.find(id) >= 0) {
            return Outcome.DUPLICATE;
        }
        final long at = event.getOccurredAt();
        final long cents = event.getAmountCents();
        final WindowEntries orders = orders(state);
        final long orderId = IdHashes.of(event.getOrderId());
        final int order = orders.find(orderId);
        final String note;
        if (order < 0) {
            // Its purchase may still come (another topic, another system): held on an awaited entry until then.
            final int day = UtcCalendar.day(at);
            MonthlySpend.add(state, UtcCalendar.monthOfDay(day), -cents);
            final int awaited = orders.add(orderId, day);
            orders.setFigure(awaited, CENTS, AWAITED);
            orders.setFigure(awaited, REFUNDED, cents);
            note = "refund of unknown or expired order " + event.getOrderId() + ": revenue only until the order arrives";
        } else if (awaited(orders, order)) {
            orders.setFigure(order, REFUNDED, orders.figure(order, REFUNDED) + cents);
            MonthlySpend.add(state, UtcCalendar.monthOfDay(orders.day(order)), -cents);
            note = "another refund of unknown order " + event.getOrderId() + ": revenue only until the order arrives";
        } else {
            final long remaining = orders.figure(order, CENTS) - orders.figure(order, REFUNDED);
            if (cents > remaining) {
                throw new InvalidEventException(InvalidEventException.Code.REFUND_EXCEEDS_ORDER,
                    "Refund " + event.getEventId() + " of " + Money.toDecimal(cents).toPlainString() + " exceeds the "
                        + Money.toDecimal(remaining).toPlainString() + " that remains of order " + event.getOrderId());
            }
            orders.setFigure(order, REFUNDED, orders.figure(order, REFUNDED) + cents);
            // Spend goes back to the order's month, so the rolling window loses it when the order leaves it.
            MonthlySpend.add(state, UtcCalendar.monthOfDay(orders.day(order)), -cents);
            if (orders.figure(order, REFUNDED) == orders.figure(order, CENTS)) {
                removeOrder(state, orders, order);
                note = "full refund of order " + event.getOrderId() + ": order removed";
            } else {
                note = "partial refund of order " + event.getOrderId();
            }
        }
        state.setRefundedCents(state.getRefundedCents() + cents);
        state.setLatestEventAt(state.getLatestEventAt() == null ? at : Math.max(state.getLatestEventAt(), at));
        refunds.add(id, UtcCalendar.day(at));
        prune(state, orders, refunds);
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
    private static void removeOrder(CustomerState state, WindowEntries orders, int order) {
        final long cents = orders.figure(order, CENTS);
        state.setOrders(state.getOrders() - 1);
        state.setKeptCents(state.getKeptCents() - cents);
        final List<Integer> days = PurchaseDays.decode(state.getPurchaseDays());
        final int day = orders.day(order);
        final boolean firstDay = !days.isEmpty() && days.get(0) == day;
        if (firstDay) {
            state.setFirstDayCents(state.getFirstDayCents() - cents);
        }
        if (keptCentsOn(orders, day) < 0) {
            days.remove(Integer.valueOf(day));
            state.setPurchaseDays(PurchaseDays.encode(days));
            if (firstDay) {
                // The next first day is later than a day inside the window, so all its orders are still kept here.
                state.setFirstDayCents(days.isEmpty() ? 0 : Math.max(0, keptCentsOn(orders, days.get(0))));
            }
        }
    }

    /** The value of the kept orders of {@code day} in the window, or -1 when it has none. */
    private static long keptCentsOn(WindowEntries orders, int day) {
        long sum = -1;
        for (int i = 0; i < orders.size(); i++) {
            if (orders.day(i) == day && isKept(orders, i)) {
                sum = Math.max(sum, 0) + orders.figure(i, CENTS);
            }
        }
        return sum;
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

    private static boolean isKept(WindowEntries orders, int i) {
        final long cents = orders.figure(i, CENTS);
        return cents == 0 || orders.figure(i, REFUNDED) < cents;
    }

    private static boolean awaited(WindowEntries orders, int i) {
        return orders.figure(i, CENTS) == AWAITED;
    }

    /** The state's order window, each entry with its {@link #ORDER_FIGURES} figures. */
    static WindowEntries orders(CustomerState state) {
        return WindowEntries.read(state.getOrderWindow(), ORDER_FIGURES);
    }

    /** The state's refund window: entries with a day only. */
    static WindowEntries refunds(CustomerState state) {
        return WindowEntries.read(state.getRefundWindow(), REFUND_FIGURES);
    }

    private int windowStart(long latestEventAt) {
        return UtcCalendar.day(latestEventAt) - windowDays;
    }

    /** Drops the orders and refunds ({@code refunds} null: none) older than the window; stores the windows that changed. */
    private void prune(CustomerState state, WindowEntries orders, WindowEntries refunds) {
        final int start = windowStart(state.getLatestEventAt());
        orders.removeBefore(start);
        if (orders.changed()) {
            state.setOrderWindow(orders.toBytes());
        }
        if (refunds != null) {
            refunds.removeBefore(start);
            if (refunds.changed()) {
                state.setRefundWindow(refunds.toBytes());
            }
        }
    }
}
