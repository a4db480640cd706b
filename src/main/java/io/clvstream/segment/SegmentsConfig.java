package io.clvstream.segment;

import static io.clvstream.config.Settings.get;

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
 * <tr><td>{@code clv.segments.sketch.interval}</td><td>PT5M</td><td>How often each task rebuilds its CLV sketches
 *   from its members.</td></tr>
 * <tr><td>{@code clv.segments.sketch.k}</td><td>200</td><td>KLL accuracy parameter (rank error about 1.3% at
 *   200).</td></tr>
 * </table>
 */
public record SegmentsConfig(
    ChurnDefinition churn,
    double pAliveThreshold,
    int churnDays,
    Duration sketchInterval,
    int sketchK) {

    public static final String CHURN = "clv.segments.churn";
    public static final String P_ALIVE_THRESHOLD = "clv.segments.churn.p-alive-threshold";
    public static final String CHURN_DAYS = "clv.segments.churn.days";
    public static final String SKETCH_INTERVAL = "clv.segments.sketch.interval";
    public static final String SKETCH_K = "clv.segments.sketch.k";

    /** How a customer is counted as churned. */
    public enum ChurnDefinition { P_ALIVE, NO_PURCHASE_DAYS }

    public SegmentsConfig {
        if (!(pAliveThreshold > 0 && pAliveThreshold < 1)) {
            throw new IllegalArgumentException(P_ALIVE_THRESHOLD + " must be in (0, 1), got " + pAliveThreshold);
        }
        if (churnDays <= 0) {
            throw new IllegalArgumentException(CHURN_DAYS + " must be > 0, got " + churnDays);
        }
        if (sketchInterval.isZero() || sketchInterval.isNegative()) {
            throw new IllegalArgumentException(SKETCH_INTERVAL + " must be > 0");
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
            Duration.parse(get(config, SKETCH_INTERVAL, "PT5M")),
            Integer.parseInt(get(config, SKETCH_K, "200")));
    }
}
