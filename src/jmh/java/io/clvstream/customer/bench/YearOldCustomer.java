package io.clvstream.customer.bench;

import io.clvstream.avro.internal.CustomerEvent;
import io.clvstream.avro.internal.CustomerEventType;
import io.clvstream.avro.internal.CustomerState;
import io.clvstream.avro.internal.EventOrigin;
import io.clvstream.customer.CustomerEngine;
import io.clvstream.customer.CustomerLedger;
import java.time.Duration;
import java.time.Instant;

/**
 * The customer the state benchmarks use: a signup with channel and cost, twelve purchases a month apart,
 * then part of the last one refunded (day 331): a year of history, as a long-standing customer's state is.
 */
public final class YearOldCustomer {

    private static final Instant START = Instant.parse("2025-01-06T10:00:00Z");
    private static final EventOrigin ORIGIN = new EventOrigin("bench", 0, 0L, null, null);

    private YearOldCustomer() {
    }

    /** A fresh state taken through the year by {@code engine}; {@code last} receives the refund's update. */
    public static CustomerState state(CustomerEngine engine, CustomerEngine.Update[] last) {
        final CustomerState state = CustomerLedger.empty();
        engine.onEvent("c", state, event(CustomerEventType.SIGNUP, "s", null, 0, 0));
        for (int month = 0; month < 12; month++) {
            engine.onEvent("c", state, event(CustomerEventType.PURCHASE, "o" + month, null, month * 30, 2_500 + 100 * month));
        }
        last[0] = engine.onEvent("c", state, event(CustomerEventType.REFUND, "r", "o11", 331, 500));
        return state;
    }

    /** An event of customer "c" on {@code day} of the year; a signup's amount is its acquisition cost, 42.00. */
    public static CustomerEvent event(CustomerEventType type, String id, String orderId, int day, long cents) {
        return CustomerEvent.newBuilder().setType(type).setCustomerId("c").setEventId(id).setOrderId(orderId)
            .setOccurredAt(START.plus(Duration.ofDays(day)).toEpochMilli())
            .setAmountCents(type == CustomerEventType.SIGNUP ? 4_200L : cents)
            .setAcquisitionChannel(type == CustomerEventType.SIGNUP ? "paid-search" : null)
            .setSegment(type == CustomerEventType.SIGNUP ? "retail" : null).setOrigin(ORIGIN).build();
    }
}
