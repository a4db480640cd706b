package io.clvstream.customer;

import static io.clvstream.config.Settings.get;

import io.clvstream.predict.PredictConfig;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Settings of the customer topology, read from the application's flat configuration map. Every
 * key has a default so an empty map is a working configuration.
 *
 * <table>
 * <caption>Keys</caption>
 * <tr><td>{@code clv.currency.base}</td><td>USD</td><td>ISO 4217 code all money is reported in.</td></tr>
 * <tr><td>{@code clv.currency.rates}</td><td>(empty)</td><td>{@code CODE:rate,...}: 1 unit of CODE = rate units of
 *   the base currency. Empty by default so an unexpected currency is dead-lettered instead of converted at a stale
 *   shipped rate.</td></tr>
 * <tr><td>{@code clv.refund.window.days}</td><td>365</td><td>How long orders are kept for refunds and purchase
 *   deduplication, counted back from the customer's latest event.</td></tr>
 * <tr><td>{@code clv.validation.max-future}</td><td>P1D</td><td>Events further ahead of the wall clock are
 *   rejected.</td></tr>
 * <tr><td>{@code clv.tiers}</td><td>bronze:0,silver:500,gold:2000,platinum:10000</td><td>Tier ladder
 *   {@code name:threshold} in base currency; the lowest tier is the floor once a customer has purchased.</td></tr>
 * <tr><td>{@code clv.tier.metric}</td><td>NET_SPEND_12M</td><td>Also LIFETIME_NET_SPEND, FORMULA_CLV,
 *   PREDICTED_CLV.</td></tr>
 * <tr><td>{@code clv.tier.downgrade-grace}</td><td>P30D</td><td>How long a customer stays in a tier after no
 *   longer qualifying.</td></tr>
 * <tr><td>{@code clv.alert.high-value.metric}</td><td>FORMULA_CLV</td><td>Metric of the HIGH_VALUE alert.</td></tr>
 * <tr><td>{@code clv.alert.high-value.threshold}</td><td>10000</td><td>Alert when the metric reaches this.</td></tr>
 * <tr><td>{@code clv.alert.high-value.hysteresis}</td><td>0.1</td><td>Re-armed below threshold x (1 - this).</td></tr>
 * <tr><td>{@code clv.formula.lifespan-years}</td><td>3</td><td>Expected customer lifespan of formula CLV.</td></tr>
 * <tr><td>{@code clv.formula.prior-frequency}</td><td>2</td><td>Orders per year young customers are shrunk
 *   toward.</td></tr>
 * <tr><td>{@code clv.formula.prior-weight-years}</td><td>1</td><td>Years of exposure the prior counts for; 0
 *   disables shrinkage.</td></tr>
 * <tr><td>{@code clv.punctuation.interval}</td><td>PT1M</td><td>How often due tier re-evaluations are
 *   looked for.</td></tr>
 * <tr><td>{@code clv.time.source}</td><td>wall-clock</td><td>{@code wall-clock} or {@code stream-time}
 *   (replays, backtests).</td></tr>
 * </table>
 * Predictive scoring, refit and AT_RISK keys: {@link PredictConfig}; segment priors of formula CLV:
 * {@link SegmentPrior.Settings}.
 */
public record CustomerTopologyConfig(
    String baseCurrency,
    Map<String, BigDecimal> rates,
    Duration refundWindow,
    Duration maxFuture,
    List<Tier> tiers,
    ValueMetric tierMetric,
    Duration downgradeGrace,
    ValueMetric highValueMetric,
    long highValueThresholdCents,
    double highValueHysteresis,
    double lifespanYears,
    double priorOrdersPerYear,
    double priorWeightYears,
    Duration punctuationInterval,
    TimeSource timeSource,
    PredictConfig predict,
    SegmentPrior.Settings segmentPriors) {

    public static final String BASE_CURRENCY = "clv.currency.base";
    public static final String RATES = "clv.currency.rates";
    public static final String REFUND_WINDOW_DAYS = "clv.refund.window.days";
    public static final String MAX_FUTURE = "clv.validation.max-future";
    public static final String TIERS = "clv.tiers";
    public static final String TIER_METRIC = "clv.tier.metric";
    public static final String DOWNGRADE_GRACE = "clv.tier.downgrade-grace";
    public static final String HIGH_VALUE_METRIC = "clv.alert.high-value.metric";
    public static final String HIGH_VALUE_THRESHOLD = "clv.alert.high-value.threshold";
    public static final String HIGH_VALUE_HYSTERESIS = "clv.alert.high-value.hysteresis";
    public static final String LIFESPAN_YEARS = "clv.formula.lifespan-years";
    public static final String PRIOR_FREQUENCY = "clv.formula.prior-frequency";
    public static final String PRIOR_WEIGHT_YEARS = "clv.formula.prior-weight-years";
    public static final String PUNCTUATION_INTERVAL = "clv.punctuation.interval";
    public static final String TIME_SOURCE = "clv.time.source";

    public CustomerTopologyConfig {
        if (tiers.isEmpty()) {
            throw new IllegalArgumentException(TIERS + " must name at least one tier");
        }
        if (!(highValueHysteresis >= 0 && highValueHysteresis < 1)) {
            throw new IllegalArgumentException(HIGH_VALUE_HYSTERESIS + " must be in [0, 1), got " + highValueHysteresis);
        }
        if (!(lifespanYears > 0) || !(priorOrdersPerYear >= 0) || !(priorWeightYears >= 0)) {
            throw new IllegalArgumentException("clv.formula.* must be positive (lifespan) or non-negative (prior)");
        }
        if (refundWindow.isNegative() || punctuationInterval.isZero() || punctuationInterval.isNegative()) {
            throw new IllegalArgumentException(REFUND_WINDOW_DAYS + " must be >= 0 and " + PUNCTUATION_INTERVAL + " > 0");
        }
    }

    public static CustomerTopologyConfig defaults() {
        return from(Map.of());
    }

    public static CustomerTopologyConfig from(Map<String, ?> config) {
        return new CustomerTopologyConfig(
            get(config, BASE_CURRENCY, "USD").toUpperCase(Locale.ROOT),
            rates(get(config, RATES, "")),
            Duration.ofDays(Long.parseLong(get(config, REFUND_WINDOW_DAYS, "365"))),
            Duration.parse(get(config, MAX_FUTURE, "P1D")),
            tiers(get(config, TIERS, "bronze:0,silver:500,gold:2000,platinum:10000")),
            metric(get(config, TIER_METRIC, "NET_SPEND_12M")),
            Duration.parse(get(config, DOWNGRADE_GRACE, "P30D")),
            highValueMetric(config),
            Money.toCents(new BigDecimal(get(config, HIGH_VALUE_THRESHOLD, "10000"))),
            Double.parseDouble(get(config, HIGH_VALUE_HYSTERESIS, "0.1")),
            Double.parseDouble(get(config, LIFESPAN_YEARS, "3")),
            Double.parseDouble(get(config, PRIOR_FREQUENCY, "2")),
            Double.parseDouble(get(config, PRIOR_WEIGHT_YEARS, "1")),
            Duration.parse(get(config, PUNCTUATION_INTERVAL, "PT1M")),
            TimeSource.valueOf(get(config, TIME_SOURCE, "wall-clock").toUpperCase(Locale.ROOT).replace('-', '_')),
            PredictConfig.from(config),
            SegmentPrior.Settings.from(config));
    }

    /** The configured metric of the HIGH_VALUE alert (also what the segment sketches hold). */
    public static ValueMetric highValueMetric(Map<String, ?> config) {
        return metric(get(config, HIGH_VALUE_METRIC, "FORMULA_CLV"));
    }

    private static ValueMetric metric(String name) {
        return ValueMetric.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    private static Map<String, BigDecimal> rates(String spec) {
        final Map<String, BigDecimal> rates = new LinkedHashMap<>();
        for (final String[] pair : pairs(spec, RATES)) {
            final BigDecimal rate = new BigDecimal(pair[1]);
            if (rate.signum() <= 0) {
                throw new IllegalArgumentException(RATES + ": rate of " + pair[0] + " must be positive");
            }
            rates.put(pair[0].toUpperCase(Locale.ROOT), rate);
        }
        return Map.copyOf(rates);
    }

    private static List<Tier> tiers(String spec) {
        final List<Tier> tiers = new ArrayList<>();
        for (final String[] pair : pairs(spec, TIERS)) {
            tiers.add(new Tier(pair[0], Money.toCents(new BigDecimal(pair[1]))));
        }
        tiers.sort(Comparator.comparingLong(Tier::thresholdCents));
        if (tiers.stream().map(Tier::thresholdCents).distinct().count() != tiers.size()) {
            throw new IllegalArgumentException(TIERS + ": two tiers share a threshold: " + spec);
        }
        return List.copyOf(tiers);
    }

    private static List<String[]> pairs(String spec, String key) {
        final List<String[]> pairs = new ArrayList<>();
        for (final String item : spec.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            final String[] pair = item.trim().split(":");
            if (pair.length != 2 || pair[0].isBlank()) {
                throw new IllegalArgumentException(key + ": expected name:number, got '" + item + "'");
            }
            pairs.add(new String[] {pair[0].trim(), pair[1].trim()});
        }
        return pairs;
    }
}
