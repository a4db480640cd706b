package io.clvstream.demo;

import io.clvstream.avro.Purchase;
import io.clvstream.files.Transaction;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the demo will send, in event-time order: the file's orders as purchases, plus (with
 * {@code extras}) generated signups and refunds. Ties keep signup, purchase, refund order and then
 * file order, so the replay is the same every time.
 */
public record DemoScript(List<DemoEvent> events, int purchases, int signups, int refunds, int customers,
                         Instant first, Instant last) {

    public static DemoScript of(List<Transaction> transactions, boolean extras) {
        if (transactions.isEmpty()) {
            throw new IllegalArgumentException("no transactions to replay");
        }
        final Map<String, Instant> firstOrder = new LinkedHashMap<>();
        Instant end = Instant.MIN;
        for (final Transaction t : transactions) {
            firstOrder.merge(t.customerId(), t.occurredAt(), (a, b) -> a.isBefore(b) ? a : b);
            end = end.isAfter(t.occurredAt()) ? end : t.occurredAt();
        }
        final List<DemoEvent> events = new ArrayList<>();
        int signups = 0;
        int refunds = 0;
        for (final Transaction t : transactions) {
            events.add(new DemoEvent(t.occurredAt().toEpochMilli(), DemoEvent.Kind.PURCHASE, t.customerId(), purchase(t)));
            if (extras) {
                final var refund = DemoExtras.refund(t, end);
                if (refund.isPresent()) {
                    events.add(new DemoEvent(refund.get().getOccurredAt().toEpochMilli(), DemoEvent.Kind.REFUND,
                        t.customerId(), refund.get()));
                    refunds++;
                }
            }
        }
        if (extras) {
            final String currency = transactions.get(0).currency();
            for (final Map.Entry<String, Instant> customer : firstOrder.entrySet()) {
                final var signup = DemoExtras.signup(customer.getKey(), customer.getValue(), currency);
                if (signup.isPresent()) {
                    events.add(new DemoEvent(signup.get().getSignedUpAt().toEpochMilli(), DemoEvent.Kind.SIGNUP,
                        customer.getKey(), signup.get()));
                    signups++;
                }
            }
        }
        // List.sort is stable: equal keys keep file order.
        events.sort(Comparator.comparingLong(DemoEvent::timeMs).thenComparing(DemoEvent::kind));
        return new DemoScript(List.copyOf(events), transactions.size(), signups, refunds, firstOrder.size(),
            Instant.ofEpochMilli(events.get(0).timeMs()), Instant.ofEpochMilli(events.get(events.size() - 1).timeMs()));
    }

    private static Purchase purchase(Transaction t) {
        return Purchase.newBuilder()
            .setOrderId(t.orderId())
            .setCustomerId(t.customerId())
            .setOccurredAt(t.occurredAt())
            .setAmount(t.amount().setScale(2, RoundingMode.HALF_UP))
            .setCurrency(t.currency())
            .setGrossMargin(t.grossMargin() == null ? null : t.grossMargin().setScale(2, RoundingMode.HALF_UP))
            .build();
    }
}
