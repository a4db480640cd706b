package io.clvstream.segment;

import static io.clvstream.config.Settings.get;

import io.clvstream.customer.CustomerTopologyConfig;
import io.clvstream.customer.ValueMetric;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Settings of the segment statistics, read from the application's flat configuration map; every
 * key has a default.
 *
 * <table>
 * <caption>Keys</caption>
 * <tr><td>{@code clv.segments.churn}</td><td>p-alive</td><td>{@code p-alive}: churned when P(alive) is below the
 *   threshold (customers without a P(alive) yet fall back to no-purchase-days); {@code no-purchase-days}: churned
 *   after {@code clv.segments.churn.days} without a purchase.</td></tr>
 * <tr><td>{@code clv.segments.churn.p-alive-threshold}</td><td>0.5</td><td>P(alive) below this is churned.</td></tr>
 * <tr><td>{@code clv.segments.churn.days}</td><td>365</td><td>Days without a purchase that count as churned.</td></tr>
 * <tr><td>{@code clv.segments.publish-interval}</td><td>PT1S</td><td>How often each customer task publishes the
 *   sums of the segments that changed.</td></tr>
 * <tr><td>{@code clv.segments.sketch.interval}</td><td>PT5M</td><td>How often each customer task rebuilds its CLV
 *   sketches from its members and brings every segment's churn and exposure up to the current time.</td></tr>
 * <tr><td>{@code clv.segments.sketch.k}</td><td>200</td><td>KLL accuracy parameter (rank error about 1.3% at
 *   200).</td></tr>
 * <tr><td>{@code clv.alert.high-value.metric}</td><td>FORMULA_CLV</td><td>The CLV the sketches hold: predicted
 *   CLV when the HIGH_VALUE metric is PREDICTED_CLV, historic CLV for LIFETIME_NET_SPEND, else formula CLV.</td></tr>
 * <tr><td>{@code clv.alert.high-value.top-percent}</td><td>(off)</td><td>Publish the CLV at which a customer enters
 *   this top percent (in (0, 100]) as {@code topPercentThreshold}; the HIGH_VALUE alert fires there too. Needs a
 *   CLV metric (FORMULA_CLV, PREDICTED_CLV or LIFETIME_NET_SPEND).</td></tr>
 * </table>
 */
public record SegmentsConfig(
    ChurnDefinition churn,
    double pAliveThreshold,
    int churnDays,
    Duration publishInterval,
    Duration sketchInterval,
    int sketchK,
    ValueMetric sketchedMetric,
    Double topPercent) {

    public static final String CHURN = "clv.segments.churn";
    public static final String P_ALIVE_THRESHOLD = "clv.segments.churn.p-alive-threshold";
    public static final String CHURN_DAYS = "clv.segments.churn.days";
    public static final String PUBLISH_INTERVAL = "clv.segments.publish-interval";
    public static final String SKETCH_INTERVAL = "clv.segments.sketch.interval";
    public static final String SKETCH_K = "clv.segments.sketch.k";
    public static final String TOP_PERCENT = "clv.alert.high-value.top-percent";

    /** How a customer is counted as churned. */
    public enum ChurnDefinition { P_ALIVE, NO_PURCHASE_DAYS }

    public SegmentsConfig {
        if (!(pAliveThreshold > 0 && pAliveThreshold < 1)) {
            throw new IllegalArgumentException(P_ALIVE_THRESHOLD + " must be in (0, 1), got " + pAliveThreshold);
        }
        if (churnDays <= 0) {
            throw new IllegalArgumentException(CHURN_DAYS + " must be > 0, got " + churnDays);
        }
        if (sketchInterval.isZero() || sketchInterval.isNegative() || publishInterval.isZero() || publishInterval.isNegative()) {
            throw new IllegalArgumentException(SKETCH_INTERVAL + " and " + PUBLISH_INTERVAL + " must be > 0");
        }
        if (topPercent != null && !(topPercent > 0 && topPercent <= 100)) {
            throw new IllegalArgumentException(TOP_PERCENT + " must be in (0, 100], got " + topPercent);
        }
        if (topPercent != null && sketchedMetric == ValueMetric.NET_SPEND_12M) {
            throw new IllegalArgumentException(TOP_PERCENT + " needs a CLV as " + CustomerTopologyConfig.HIGH_VALUE_METRIC
                + " (FORMULA_CLV, PREDICTED_CLV or LIFETIME_NET_SPEND), not NET_SPEND_12M");
        }
        if (sketchK < 8 || sketchK > 65_535) {
            throw new IllegalArgumentException(SKETCH_K + " must be in [8, 65535], got " + sketchK);
        }
    }

    public static SegmentsConfig defaults() {
        return from(Map.of());
    }

    public static SegmentsConfig from(Map<String, ?> config) {
        return new SegmentsConfig(
            ChurnDefinition.valueOf(get(config, CHURN, "p-alive").toUpperCase(Locale.ROOT).replace('-', '_')),
            Double.parseDouble(get(config, P_ALIVE_THRESHOLD, "0.5")),
            Integer.parseInt(get(config, CHURN_DAYS, "365")),
            Duration.parse(get(config, PUBLISH_INTERVAL, "PT1S")),
            Duration.parse(get(config, SKETCH_INTERVAL, "PT5M")),
            Integer.parseInt(get(config, SKETCH_K, "200")),
            CustomerTopologyConfig.highValueMetric(config),
            topPercent(get(config, TOP_PERCENT, "")));
    }

    private static Double topPercent(String value) {
        return value.isBlank() ? null : Double.valueOf(value.trim());
    }
}
