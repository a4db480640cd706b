package io.clvstream.customer;

import io.clvstream.avro.Alert;
import io.clvstream.avro.CustomerValue;
import io.clvstream.avro.EventRef;
import io.clvstream.avro.TierChange;
import io.clvstream.avro.internal.CustomerEvent;
import io.clvstream.avro.internal.CustomerEventType;
import io.clvstream.avro.internal.CustomerState;
import io.clvstream.model.FormulaClv;
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
    public record Update(boolean changed, CustomerValue value, TierChange tierChange, Alert alert) {
        static final Update NONE = new Update(false, null, null, null);
    }

    private final CustomerTopologyConfig config;
    private final CustomerLedger ledger;
    private final CustomerFigures figures;
    private final TierPolicy tiers;
    private final HighValueAlerts alerts;

    public CustomerEngine(CustomerTopologyConfig config) {
        this.config = config;
        this.ledger = new CustomerLedger(config);
        this.figures = new CustomerFigures(config);
        this.tiers = new TierPolicy(config);
        this.alerts = new HighValueAlerts(config);
    }

    /**
     * Applies {@code event}; on return {@code state.dueAt} is the next time check.
     *
     * @throws InvalidEventException when the event contradicts the state (refund beyond its order); state unchanged
     */
    public Update onEvent(String customerId, CustomerState state, CustomerEvent event) {
        final CustomerLedger.Outcome outcome = ledger.apply(state, event);
        if (!outcome.changed()) {
            return Update.NONE;
        }
        final long asOf = state.getLatestEventAt() == null ? event.getOccurredAt() : state.getLatestEventAt();
        TierChange tierChange = null;
        Alert alert = null;
        if (event.getType() != CustomerEventType.SIGNUP) {
            tierChange = tiers.evaluate(customerId, state, figures.metricCents(tiers.metric(), state, asOf), asOf).orElse(null);
            alert = alerts.evaluate(customerId, state, figures.metricCents(alerts.metric(), state, asOf), asOf).orElse(null);
            state.setDueAt(nextDueAt(state, asOf));
        }
        final EventRef cause = new EventRef(event.getEventId(), event.getType().name(), outcome.note());
        return new Update(true, value(customerId, state, asOf, cause), tierChange, alert);
    }

    /** Re-evaluates tier and alert as of {@code nowMs} without an event (spend left the window, grace ended). */
    public Update onTime(String customerId, CustomerState state, long nowMs) {
        final Optional<TierChange> tierChange =
            tiers.evaluate(customerId, state, figures.metricCents(tiers.metric(), state, nowMs), nowMs);
        final Optional<Alert> alert =
            alerts.evaluate(customerId, state, figures.metricCents(alerts.metric(), state, nowMs), nowMs);
        state.setDueAt(nextDueAt(state, nowMs));
        final CustomerValue value = tierChange.isPresent() || alert.isPresent()
            ? value(customerId, state, nowMs, new EventRef("time", "TIME", "re-evaluated as time passed")) : null;
        // The state always changes (dueAt at least), so it is always stored.
        return new Update(true, value, tierChange.orElse(null), alert.orElse(null));
    }

    /**
     * The next time a tier can change without an event: the end of a pending grace period, or the
     * start of the month in which spend leaves the rolling window (time-dependent metrics, above
     * the floor tier only, since the floor cannot be lost).
     */
    Long nextDueAt(CustomerState state, long asOfMs) {
        Long due = state.getDowngradeDueAt();
        if (state.getTier() != null && !state.getTier().equals(config.tiers().get(0).name())) {
            final Long change = switch (tiers.metric()) {
                case NET_SPEND_12M -> MonthlySpend.nextRollOff(state, asOfMs);
                case FORMULA_CLV -> UtcCalendar.monthStart(UtcCalendar.month(asOfMs) + 1);
                case LIFETIME_NET_SPEND -> null;
            };
            // Not one nested conditional: mixing Long and long there unboxes a null change (LIFETIME_NET_SPEND).
            if (change != null) {
                due = due == null ? change : Long.valueOf(Math.min(due, change));
            }
        }
        return due;
    }

    private CustomerValue value(String customerId, CustomerState state, long asOfMs, EventRef cause) {
        final Double formula = figures.formulaClv(state, asOfMs);
        final Long cac = state.getAcquisitionCostCents();
        final long net = CustomerFigures.netCents(state);
        return CustomerValue.newBuilder()
            .setCustomerId(customerId)
            .setSegment(state.getSegment())
            .setOrders(state.getOrders())
            .setRepeatCustomer(CustomerFigures.repeatCustomer(state))
            .setNetRevenue(Money.toDecimal(net))
            .setHistoricClv(Money.toDecimal(net))
            .setFormulaClv(formula == null ? null : Money.toDecimal(formula))
            .setNetClv(formula == null || cac == null ? null : Money.toDecimal(FormulaClv.netClv(formula, cac / 100.0)))
            .setLtvToCac(formula == null || cac == null || cac <= 0 ? null : FormulaClv.ltvToCac(formula, cac / 100.0))
            .setTier(state.getTier())
            .setCause(cause)
            .setUpdatedAt(Instant.ofEpochMilli(asOfMs))
            .setGrossRevenue(Money.toDecimal(state.getGrossCents()))
            .setRefundedRevenue(Money.toDecimal(state.getRefundedCents()))
            .setFirstPurchaseAt(state.getFirstPurchaseAt() == null ? null : Instant.ofEpochMilli(state.getFirstPurchaseAt()))
            .setLastPurchaseAt(state.getLastPurchaseAt() == null ? null : Instant.ofEpochMilli(state.getLastPurchaseAt()))
            .setAcquisitionChannel(state.getAcquisitionChannel())
            .setAcquisitionCost(cac == null ? null : Money.toDecimal(cac))
            .setCurrency(config.baseCurrency())
            .build();
    }
}
