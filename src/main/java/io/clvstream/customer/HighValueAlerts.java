package io.clvstream.customer;

import io.clvstream.avro.Alert;
import io.clvstream.avro.AlertType;
import io.clvstream.avro.internal.CustomerState;
import java.time.Instant;
import java.util.Optional;

/**
 * HIGH_VALUE alerts with hysteresis: one alert when the metric reaches the threshold, then silence
 * until it has fallen below threshold x (1 - hysteresis), so a customer hovering around the
 * threshold does not alert on every purchase.
 */
public final class HighValueAlerts {

    private final ValueMetric metric;
    private final long thresholdCents;
    private final double hysteresis;

    public HighValueAlerts(CustomerTopologyConfig config) {
        this.metric = config.highValueMetric();
        this.thresholdCents = config.highValueThresholdCents();
        this.hysteresis = config.highValueHysteresis();
    }

    public ValueMetric metric() {
        return metric;
    }

    /**
     * The alert when {@code valueCents} reaches the configured threshold or, when {@code topPercent}
     * is known and lower, the population's top-percent threshold; re-armed below the applicable
     * threshold x (1 - hysteresis).
     */
    public Optional<Alert> evaluate(String customerId, CustomerState state, Long valueCents, long asOfMs,
                                    Population.TopPercent topPercent) {
        if (valueCents == null) {
            return Optional.empty();
        }
        final boolean byRank = topPercent != null && topPercent.thresholdCents() < thresholdCents;
        final long threshold = byRank ? topPercent.thresholdCents() : thresholdCents;
        if (state.getHighValueAlerted()) {
            if (valueCents < Math.round(threshold * (1 - hysteresis))) {
                state.setHighValueAlerted(false);
            }
            return Optional.empty();
        }
        if (valueCents < threshold) {
            return Optional.empty();
        }
        state.setHighValueAlerted(true);
        final String value = metric.label() + " " + Money.toDecimal(valueCents).toPlainString();
        final String limit = Money.toDecimal(threshold).toPlainString();
        return Optional.of(Alert.newBuilder()
            .setCustomerId(customerId)
            .setType(AlertType.HIGH_VALUE)
            .setValue(valueCents / 100.0)
            .setThreshold(threshold / 100.0)
            .setReason(byRank
                ? value + " entered the top " + percent(topPercent.percent()) + "% of customers (from " + limit + ")"
                : value + " reached the high-value threshold " + limit)
            .setOccurredAt(Instant.ofEpochMilli(asOfMs))
            .setMetric(metric.name())
            .build());
    }

    private static String percent(double percent) {
        return percent == Math.rint(percent) ? Long.toString((long) percent) : Double.toString(percent);
    }
}
