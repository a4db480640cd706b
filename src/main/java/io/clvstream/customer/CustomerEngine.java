package io.clvstream.customer;

import io.clvstream.avro.Alert;
import io.clvstream.avro.CustomerValue;
import io.clvstream.avro.EventRef;
import io.clvstream.avro.TierChange;
import io.clvstream.avro.internal.CustomerEvent;
import io.clvstream.avro.internal.CustomerEventType;
import io.clvstream.avro.internal.CustomerState;
import io.clvstream.model.FormulaClv;
import io.clvstream.predict.ScoringModel;
import java.time.Instant;
import java.util.Optional;

/**
 * Everything that happens to one customer on an event or when time passes: the ledger update,
 * tier and alert evaluation, the published value and the next time the customer must be looked at
 * again. Pure; the topology stores the state and routes the outputs.
 */
public final class CustomerEngine {

    /**
     * The effect of an event or a time check. Nothing to store or emit when {@code changed} is
     * false; {@code value} is null when the state changed without a figure worth publishing.
     */
    public record Update(boolean changed, CustomerValue value, TierChange tierChange, Alert alert, Alert atRisk) {
        static final Update NONE = new Update(false, null, null, null, null);
    }

    private final CustomerTopologyConfig config;
    private final CustomerLedger ledger;
    private final CustomerFigures figures;
    private final TierPolicy tiers;
    private final HighValueAlerts alerts;
    private final AtRiskAlerts atRiskAlerts;
    private final PredictiveFigures predictive;
    private final ScoringModel prior;

    public CustomerEngine(CustomerTopologyConfig config) {
        this.config = config;
        this.ledger = new CustomerLedger(config);
        this.figures = new CustomerFigures(config);
        this.tiers = new TierPolicy(config);
        this.alerts = new HighValueAlerts(config);
        this.atRiskAlerts = new AtRiskAlerts(config);
        this.predictive = new PredictiveFigures(config.predict());
        this.prior = ScoringModel.prior(config.predict());
    }

    /** As {@link #onEvent(String, CustomerState, CustomerEvent, ScoringModel)} with the configured prior model. */
    public Update onEvent(String customerId, CustomerState state, CustomerEvent event) {
        return onEvent(customerId, state, event, prior);
    }

    /** As {@link #onEvent(String, CustomerState, CustomerEvent, ScoringModel, Population)} without population figures. */
    public Update onEvent(String customerId, CustomerState state, CustomerEvent event, ScoringModel model) {
        return onEvent(customerId, state, event, model, Population.NONE);
    }

    /**
     * Applies {@code event}; on return {@code state.dueAt} is the next time check.
     *
     * @throws InvalidEventException when the event contradicts the state (refund beyond its order); state unchanged
     */
    public Update onEvent(String customerId, CustomerState state, CustomerEvent event, ScoringModel model,
                          Population population) {
        final CustomerLedger.Outcome outcome = ledger.apply(state, event);
        if (!outcome.changed()) {
            return Update.NONE;
        }
        final long asOf = state.getLatestEventAt() == null ? event.getOccurredAt() : state.getLatestEventAt();
        final CustomerScore score = predictive.score(model, state, asOf);
        final SegmentPrior prior = population.prior(state.getSegment());
        TierChange tierChange = null;
        Alert alert = null;
        Alert atRisk = null;
        if (event.getType() != CustomerEventType.SIGNUP) {
            tierChange = tiers.evaluate(customerId, state, figures.metricCents(tiers.metric(), state, asOf, score, prior), asOf)
                .orElse(null);
            alert = alerts.evaluate(customerId, state, figures.metricCents(alerts.metric(), state, asOf, score, prior), asOf,
                population.topPercent()).orElse(null);
            atRisk = atRiskAlerts.evaluate(customerId, state, model, score, asOf,
                event.getType() == CustomerEventType.PURCHASE).orElse(null);
            state.setDueAt(nextDueAt(state, asOf));
        }
        final EventRef cause = new EventRef(event.getEventId(), event.getType().name(), outcome.note());
        return new Update(true, value(customerId, state, asOf, cause, score, prior), tierChange, alert, atRisk);
    }

    /** As {@link #onTime(String, CustomerState, long, ScoringModel, Population)} with the configured prior model. */
    public Update onTime(String customerId, CustomerState state, long nowMs) {
        return onTime(customerId, state, nowMs, prior, Population.NONE);
    }

    /** Re-evaluates tier and alert as of {@code nowMs} without an event (spend left the window, grace ended). */
    public Update onTime(String customerId, CustomerState state, long nowMs, ScoringModel model, Population population) {
        final CustomerScore score = predictive.score(model, state, nowMs);
        final SegmentPrior segmentPrior = population.prior(state.getSegment());
        final Optional<TierChange> tierChange = tiers.evaluate(customerId, state,
            figures.metricCents(tiers.metric(), state, nowMs, score, segmentPrior), nowMs);
        final Optional<Alert> alert = alerts.evaluate(customerId, state,
            figures.metricCents(alerts.metric(), state, nowMs, score, segmentPrior), nowMs, population.topPercent());
        final Optional<Alert> atRisk = atRiskAlerts.evaluate(customerId, state, model, score, nowMs, false);
        state.setDueAt(nextDueAt(state, nowMs));
        final CustomerValue value = tierChange.isPresent() || alert.isPresent() || atRisk.isPresent()
            ? value(customerId, state, nowMs, new EventRef("time", "TIME", "re-evaluated as time passed"), score, segmentPrior)
            : null;
        // The state always changes (dueAt at least), so it is always stored.
        return new Update(true, value, tierChange.orElse(null), alert.orElse(null), atRisk.orElse(null));
    }

    /**
     * The customer's value as of their latest event, the figures the last published value carries,
     * with {@code cause} in place of the event (the state does not keep it). For interactive queries.
     */
    public CustomerValue currentValue(String customerId, CustomerState state, EventRef cause, ScoringModel model,
                                      Population population) {
        final long asOf = asOf(state);
        return value(customerId, state, asOf, cause, predictive.score(model, state, asOf), population.prior(state.getSegment()));
    }

    /** The as-of time of {@link #currentValue}: the latest purchase or refund, else the signup. */
    public static long asOf(CustomerState state) {
        if (state.getLatestEventAt() != null) {
            return state.getLatestEventAt();
        }
        return state.getSignedUpAt() == null ? 0L : state.getSignedUpAt();
    }

    /**
     * The next time a tier or alert can change without an event: the end of a pending grace period,
     * the start of the month in which spend leaves the rolling window (time-dependent metrics, above
     * the floor tier only, since the floor cannot be lost), or the expected AT_RISK crossing.
     */
    Long nextDueAt(CustomerState state, long asOfMs) {
        Long due = state.getDowngradeDueAt();
        if (state.getTier() != null && !state.getTier().equals(config.tiers().get(0).name())) {
            final Long change = switch (tiers.metric()) {
                case NET_SPEND_12M -> MonthlySpend.nextRollOff(state, asOfMs);
                case FORMULA_CLV, PREDICTED_CLV -> UtcCalendar.monthStart(UtcCalendar.month(asOfMs) + 1);
                case LIFETIME_NET_SPEND -> null;
            };
            due = earliest(due, change);
        }
        return earliest(due, state.getAtRiskDueAt());
    }

    private static Long earliest(Long a, Long b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return Math.min(a, b);
    }

    /**
     * The customer's predictive score as of {@code asOfMs} with {@code model}; null before the first purchase and
     * where the model cannot score the customer.
     */
    public CustomerScore score(CustomerState state, long asOfMs, ScoringModel model) {
        return predictive.score(model, state, asOfMs);
    }

    /** The configured prior model, used until a fit is published. */
    public ScoringModel prior() {
        return prior;
    }

    private CustomerValue value(String customerId, CustomerState state, long asOfMs, EventRef cause, CustomerScore score,
                                SegmentPrior segmentPrior) {
        final Double formula = figures.formulaClv(state, asOfMs, segmentPrior);
        final Long cac = state.getAcquisitionCostCents();
        final long net = CustomerFigures.netCents(state);
        // The all-fields constructor: a builder would copy the schema's field list and validate each field per event.
        return new CustomerValue(
            customerId,
            state.getSegment(),
            state.getOrders(),
            CustomerFigures.repeatCustomer(state),
            Money.toDecimal(net),
            Money.toDecimal(net),
            formula == null ? null : Money.toDecimal(formula),
            formula == null || cac == null ? null : Money.toDecimal(FormulaClv.netClv(formula, cac / 100.0)),
            formula == null || cac == null || cac <= 0 ? null : FormulaClv.ltvToCac(formula, cac / 100.0),
            score == null ? null : score.pAlive(),
            score == null ? null : score.expectedPurchases(),
            score == null ? null : Money.toDecimal(score.predictedClv()),
            state.getTier(),
            score == null ? null : score.modelVersion(),
            cause,
            Instant.ofEpochMilli(asOfMs),
            Money.toDecimal(state.getGrossCents()),
            Money.toDecimal(state.getRefundedCents()),
            state.getFirstPurchaseAt() == null ? null : Instant.ofEpochMilli(state.getFirstPurchaseAt()),
            state.getLastPurchaseAt() == null ? null : Instant.ofEpochMilli(state.getLastPurchaseAt()),
            state.getAcquisitionChannel(),
            cac == null ? null : Money.toDecimal(cac),
            score == null ? null : Money.toDecimal(score.expectedAverageOrderValue()),
            score == null ? null : Instant.ofEpochMilli(score.expectedNextPurchaseAt()),
            score != null && score.modelVersion() == null,
            config.baseCurrency());
    }
}
