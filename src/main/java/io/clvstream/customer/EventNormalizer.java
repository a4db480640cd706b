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

    // Events are made with the all-fields constructor (type, customerId, eventId, orderId, occurredAt, amountCents,
    // marginCents, segment, acquisitionChannel, origin): a builder copies the schema's field list per record.
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
        return new CustomerEvent(CustomerEventType.PURCHASE, purchase.getCustomerId(), purchase.getOrderId(), null,
            occurredAt, currency.toBaseCents(purchase.getAmount(), purchase.getCurrency()), margin, null, null, origin);
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
        return new CustomerEvent(CustomerEventType.REFUND, refund.getCustomerId(), refund.getRefundId(), refund.getOrderId(),
            occurredAt, currency.toBaseCents(refund.getAmount(), refund.getCurrency()), null, null, null, origin);
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
        return new CustomerEvent(CustomerEventType.SIGNUP, signup.getCustomerId(), signup.getCustomerId(), null, signedUpAt,
            cac, null, signup.getSegment(), signup.getAcquisitionChannel(), origin);
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
