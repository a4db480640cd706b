package io.clvstream.segment;

import io.clvstream.avro.CustomerValue;
import io.clvstream.avro.internal.SegmentMember;
import io.clvstream.customer.Money;
import io.clvstream.customer.UtcCalendar;
import java.math.BigDecimal;

/** Projects a CustomerValue onto what it contributes to its segment. Pure. */
public final class SegmentMembers {

    /** Segment of customers whose signup named none (or no signup yet). */
    public static final String UNKNOWN = "unknown";
    /** Key of the whole base. */
    public static final String ALL = "*";

    private final SegmentsConfig config;

    public SegmentMembers(SegmentsConfig config) {
        this.config = config;
    }

    /** The segment a customer value belongs to; {@code *} is reserved for the whole base. */
    public static String segmentOf(String segment) {
        return segment == null || segment.isBlank() || ALL.equals(segment.trim()) ? UNKNOWN : segment.trim();
    }

    /**
     * The member, or null when the customer has not purchased yet: a customer is counted from the
     * first purchase, so a signup alone moves no figure (and a null removes it from the table).
     */
    public SegmentMember of(CustomerValue value) {
        if (value == null || value.getFirstPurchaseAt() == null) {
            return null;
        }
        final Double pAlive = value.getPAlive();
        final Boolean pAliveChurned = config.churn() == SegmentsConfig.ChurnDefinition.P_ALIVE && pAlive != null
            ? pAlive < config.pAliveThreshold() : null;
        final long lastPurchase = value.getLastPurchaseAt() == null
            ? value.getFirstPurchaseAt().toEpochMilli() : value.getLastPurchaseAt().toEpochMilli();
        // The all-fields constructor, in schema order: a builder copies the schema's field list per event.
        return new SegmentMember(
            segmentOf(value.getSegment()),
            value.getOrders(),
            value.getRepeatCustomer(),
            Money.toCents(value.getNetRevenue()),
            Money.toCents(value.getHistoricClv()),
            cents(value.getFormulaClv()),
            cents(value.getPredictedClv()),
            cents(value.getAcquisitionCost()),
            Math.floorDiv(value.getFirstPurchaseAt().toEpochMilli(), 1000L),
            UtcCalendar.day(lastPurchase),
            pAliveChurned,
            value.getUpdatedAt().toEpochMilli());
    }

    /** The CLV the distribution sketches (see {@link SegmentsConfig#sketchedMetric}); null when unknown. */
    public Double sketchedClv(SegmentMember member) {
        final Long cents = switch (config.sketchedMetric()) {
            case PREDICTED_CLV -> member.getPredictedCents();
            case LIFETIME_NET_SPEND -> member.getHistoricCents();
            case FORMULA_CLV, NET_SPEND_12M -> member.getFormulaCents();
        };
        return cents == null ? null : cents / 100.0;
    }

    private static Long cents(BigDecimal amount) {
        return amount == null ? null : Money.toCents(amount);
    }
}
