package io.clvstream.customer;

import static io.clvstream.config.Settings.get;

import io.clvstream.avro.SegmentStats;
import java.util.Locale;
import java.util.Map;

/**
 * The formula-CLV inputs a customer's segment lends them (DESIGN.md: "expected lifespan comes from
 * configuration or from the segment's observed churn; frequency for a young customer is shrunk
 * toward the segment's frequency"): the segment's purchase frequency as the prior frequency and
 * its average lifespan as the lifespan. Pure.
 */
public record SegmentPrior(double ordersPerYear, double lifespanYears) {

    /**
     * Where the priors come from.
     *
     * <table>
     * <caption>Keys</caption>
     * <tr><td>{@code clv.formula.prior-source}</td><td>config</td><td>{@code config}: {@code clv.formula.prior-frequency}
     *   and {@code clv.formula.lifespan-years}; {@code segment}: the customer's segment's published
     *   {@code purchaseFrequency} and {@code averageLifespanYears}, each falling back to the configured value while
     *   unknown.</td></tr>
     * <tr><td>{@code clv.formula.segment-min-customers}</td><td>100</td><td>A segment lends its figures only from this
     *   many customers on; a smaller one is noise.</td></tr>
     * <tr><td>{@code clv.formula.max-lifespan-years}</td><td>10</td><td>Cap on a segment's lifespan (1 / churn rate
     *   grows without bound as churn approaches 0).</td></tr>
     * </table>
     */
    public record Settings(boolean fromSegment, long minCustomers, double maxLifespanYears) {

        public static final String SOURCE = "clv.formula.prior-source";
        public static final String MIN_CUSTOMERS = "clv.formula.segment-min-customers";
        public static final String MAX_LIFESPAN_YEARS = "clv.formula.max-lifespan-years";

        public Settings {
            if (minCustomers < 1 || !(maxLifespanYears > 0)) {
                throw new IllegalArgumentException(MIN_CUSTOMERS + " must be >= 1 and " + MAX_LIFESPAN_YEARS + " > 0");
            }
        }

        public static Settings from(Map<String, ?> config) {
            final String source = get(config, SOURCE, "config").trim().toLowerCase(Locale.ROOT);
            if (!source.equals("config") && !source.equals("segment")) {
                throw new IllegalArgumentException(SOURCE + " must be 'config' or 'segment', not '" + source + "'");
            }
            return new Settings(source.equals("segment"), Long.parseLong(get(config, MIN_CUSTOMERS, "100")),
                Double.parseDouble(get(config, MAX_LIFESPAN_YEARS, "10")));
        }
    }

    /**
     * The priors {@code stats} lends, or null when priors come from configuration, the segment is
     * unknown or too small, or it has neither figure yet.
     */
    public static SegmentPrior of(SegmentStats stats, CustomerTopologyConfig config) {
        final Settings settings = config.segmentPriors();
        if (!settings.fromSegment() || stats == null || stats.getCustomers() < settings.minCustomers()
            || stats.getPurchaseFrequency() == null && stats.getAverageLifespanYears() == null) {
            return null;
        }
        final double frequency = stats.getPurchaseFrequency() == null ? config.priorOrdersPerYear() : stats.getPurchaseFrequency();
        final double lifespan = stats.getAverageLifespanYears() == null
            ? config.lifespanYears() : Math.min(stats.getAverageLifespanYears(), settings.maxLifespanYears());
        return new SegmentPrior(frequency, lifespan);
    }
}
