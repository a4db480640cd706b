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
    private final long rearmCents;

    public HighValueAlerts(CustomerTopologyConfig config) {
        this.metric = config.highValueMetric();
        this.thresholdCents = config.highValueThresholdCents();
        this.rearmCents = config.highValueRearmCents();
    }

    public ValueMetric metric() {
        return metric;
    }

    public Optional<Alert> evaluate(String customerId, CustomerState state, Long valueCents, long asOfMs) {
        if (valueCents == null) {
            return Optional.empty();
        }
        if (state.getHighValueAlerted()) {
            if (valueCents < rearmCents) {
                state.setHighValueAlerted(false);
            }
            return Optional.empty();
        }
        if (valueCents < thresholdCents) {
            return Optional.empty();
        }
        state.setHighValueAlerted(true);
        return Optional.of(Alert.newBuilder()
            .setCustomerId(customerId)
            .setType(AlertType.HIGH_VALUE)
            .setValue(valueCents / 100.0)
            .setThreshold(thresholdCents / 100.0)
            .setReason(metric.label() + " " + Money.toDecimal(valueCents).toPlainString() + " reached the high-value threshold "
                + Money.toDecimal(thresholdCents).toPlainString())
            .setOccurredAt(Instant.ofEpochMilli(asOfMs))
            .setMetric(metric.name())
            .build());
    }
}
