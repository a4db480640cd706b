package io.clvstream.customer;

import io.clvstream.avro.Alert;
import io.clvstream.avro.AlertType;
import io.clvstream.avro.internal.CustomerState;
import io.clvstream.predict.ScoringModel;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * AT_RISK alerts: a high-value customer (one whose HIGH_VALUE alert is armed-off, i.e. fired and not re-armed)
 * whose P(alive) falls below the threshold as time passes without a purchase. The crossing time has a closed
 * form ({@code TransactionModel.timeWhenPAliveBelow}), so the customer is put in the due-time index for that
 * moment instead of being re-scored on every tick. When due, P(alive) is recomputed with the newest model: if
 * it is not below yet (a refit moved the crossing), the customer is rescheduled. One alert per episode; the
 * next purchase re-arms it.
 */
public final class AtRiskAlerts {

    private final double threshold;

    public AtRiskAlerts(CustomerTopologyConfig config) {
        this.threshold = config.predict().atRiskPAlive();
    }

    /**
     * Updates {@code atRiskAlerted}/{@code atRiskDueAt} as of {@code asOfMs} and returns the alert if it fires.
     *
     * @param purchased the evaluation follows a purchase, which ends an episode
     * @param score     the customer's score as of {@code asOfMs} with {@code model}, or null
     */
    public Optional<Alert> evaluate(String customerId, CustomerState state, ScoringModel model, CustomerScore score,
                                    long asOfMs, boolean purchased) {
        if (purchased) {
            state.setAtRiskAlerted(false);
        }
        state.setAtRiskDueAt(null);
        if (!state.getHighValueAlerted() || state.getAtRiskAlerted() || score == null) {
            return Optional.empty();
        }
        if (score.pAlive() >= threshold) {
            final Long crossing = PredictiveFigures.pAliveBelowAt(model, state, threshold);
            // Rounding can put the crossing at or before now while P(alive) is still just above: look again shortly.
            state.setAtRiskDueAt(crossing == null ? null : Math.max(crossing, asOfMs + 1));
            return Optional.empty();
        }
        state.setAtRiskAlerted(true);
        return Optional.of(Alert.newBuilder()
            .setCustomerId(customerId)
            .setType(AlertType.AT_RISK)
            .setValue(score.pAlive())
            .setThreshold(threshold)
            .setReason(String.format(Locale.ROOT, "P(alive) %.3f fell below %.3f with no purchase since %s (model %s)",
                score.pAlive(), threshold, state.getLastPurchaseAt() == null ? "-" : Instant.ofEpochMilli(state.getLastPurchaseAt()),
                model.prior() ? "prior" : "v" + model.version()))
            .setOccurredAt(Instant.ofEpochMilli(asOfMs))
            .setMetric("P_ALIVE")
            .build());
    }
}
