package io.clvstream.customer;

import io.clvstream.avro.CustomerSignup;
import io.clvstream.avro.Purchase;
import io.clvstream.avro.Refund;
import io.clvstream.avro.internal.CustomerEvent;
import io.clvstream.avro.internal.CustomerEventType;
import io.clvstream.avro.internal.EventOrigin;
import java.time.Duration;
import java.time.Instant;

/**
 * Validates decoded input records and turns them into {@link CustomerEvent}s in base-currency
 * cents. Everything that can be judged from the record alone is judged here, before the
 * repartition, so bad records never reach the customer state.
 */
public final class EventNormalizer {

    /** Earliest plausible event time; also keeps epoch days well inside an int. */
    static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");

    private final CurrencyConverter currency;
    private final Duration maxFuture;

    public EventNormalizer(CustomerTopologyConfig config) {
        this.currency = new CurrencyConverter(config.baseCurrency(), config.rates());
        this.maxFuture = config.maxFuture();
    }

    public CustomerEvent purchase(Purchase purchase, EventOrigin origin, long nowMs) {
        requireId("orderId", purchase.getOrderId());
        requireId("customerId", purchase.getCustomerId());
        final long occurredAt = checkTime(purchase.getOccurredAt(), nowMs);
        if (purchase.getAmount().signum() < 0) {
            throw new InvalidEventException(InvalidEventException.Code.NEGATIVE_AMOUNT,
                "Purchase " + purchase.getOrderId() + " has a negative amount " + purchase.getAmount().toPlainString());
        }
        final Long margin = purchase.getGrossMargin() == null
            ? null : currency.toBaseCents(purchase.getGrossMargin(), purchase.getCurrency());
        return event(CustomerEventType.PURCHASE, purchase.getCustomerId(), purchase.getOrderId(), occurredAt, origin)
            .setAmountCents(currency.toBaseCents(purchase.getAmount(), purchase.getCurrency()))
            .setMarginCents(margin)
            .build();
    }

    public CustomerEvent refund(Refund refund, EventOrigin origin, long nowMs) {
        requireId("refundId", refund.getRefundId());
        requireId("orderId", refund.getOrderId());
        requireId("customerId", refund.getCustomerId());
        final long occurredAt = checkTime(refund.getOccurredAt(), nowMs);
        if (refund.getAmount().signum() <= 0) {
            throw new InvalidEventException(InvalidEventException.Code.NON_POSITIVE_REFUND,
                "Refund " + refund.getRefundId() + " has amount " + refund.getAmount().toPlainString() + "; refunds take off a positive amount");
        }
        return event(CustomerEventType.REFUND, refund.getCustomerId(), refund.getRefundId(), occurredAt, origin)
            .setOrderId(refund.getOrderId())
            .setAmountCents(currency.toBaseCents(refund.getAmount(), refund.getCurrency()))
            .build();
    }

    public CustomerEvent signup(CustomerSignup signup, EventOrigin origin, long nowMs) {
        requireId("customerId", signup.getCustomerId());
        final long signedUpAt = checkTime(signup.getSignedUpAt(), nowMs);
        if (signup.getAcquisitionCost() != null && signup.getAcquisitionCost().signum() < 0) {
            throw new InvalidEventException(InvalidEventException.Code.NEGATIVE_AMOUNT,
                "Signup of " + signup.getCustomerId() + " has a negative acquisition cost");
        }
        final Long cac = signup.getAcquisitionCost() == null
            ? null : currency.toBaseCents(signup.getAcquisitionCost(), signup.getCurrency());
        return event(CustomerEventType.SIGNUP, signup.getCustomerId(), signup.getCustomerId(), signedUpAt, origin)
            .setAmountCents(cac)
            .setSegment(signup.getSegment())
            .setAcquisitionChannel(signup.getAcquisitionChannel())
            .build();
    }

    private static CustomerEvent.Builder event(CustomerEventType type, String customerId, String eventId, long occurredAt,
                                               EventOrigin origin) {
        return CustomerEvent.newBuilder().setType(type).setCustomerId(customerId).setEventId(eventId)
            .setOccurredAt(occurredAt).setOrigin(origin);
    }

    private static void requireId(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidEventException(InvalidEventException.Code.MISSING_ID, "Missing or blank " + field);
        }
    }

    private long checkTime(Instant occurredAt, long nowMs) {
        if (occurredAt.isBefore(EARLIEST)) {
            throw new InvalidEventException(InvalidEventException.Code.TIMESTAMP_TOO_OLD,
                "Event time " + occurredAt + " is before " + EARLIEST);
        }
        final long millis = occurredAt.toEpochMilli();
        if (millis > nowMs + maxFuture.toMillis()) {
            throw new InvalidEventException(InvalidEventException.Code.FUTURE_TIMESTAMP,
                "Event time " + occurredAt + " is more than " + maxFuture + " ahead of the clock (" + Instant.ofEpochMilli(nowMs) + ")");
        }
        return millis;
    }
}
