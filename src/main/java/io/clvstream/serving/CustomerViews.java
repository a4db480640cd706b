package io.clvstream.serving;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clvstream.avro.CustomerValue;
import io.clvstream.avro.EventRef;
import io.clvstream.avro.internal.CustomerState;
import io.clvstream.customer.CustomerEngine;
import io.clvstream.customer.CustomerFigures;
import io.clvstream.customer.CustomerTopologyConfig;
import io.clvstream.customer.Money;
import io.clvstream.customer.Population;
import io.clvstream.customer.TierStanding;
import io.clvstream.predict.ScoringModel;
import java.time.Instant;

/**
 * A customer as the API shows it: the {@link CustomerValue} derived from the stored state by the
 * same code that publishes it, plus {@code tierStanding}. The state does not keep the event that
 * caused the last update, so {@code cause} names the state instead.
 */
final class CustomerViews {

    static final EventRef CAUSE = new EventRef("state", "STATE", "derived from the customer's stored state");

    private final CustomerTopologyConfig config;
    private final CustomerEngine engine;
    private final CustomerFigures figures;
    private final ModelSource models;
    private final Population population;

    CustomerViews(CustomerTopologyConfig config, ModelSource models, Population population) {
        this.config = config;
        this.engine = new CustomerEngine(config);
        this.figures = new CustomerFigures(config);
        this.models = models;
        this.population = population;
    }

    /** The model the topology scores with: the newest published fit, else the configured prior. */
    ScoringModel model() {
        return models.current().map(ScoringModel::from).orElseGet(engine::prior);
    }

    CustomerValue value(String customerId, CustomerState state, ScoringModel model) {
        return engine.currentValue(customerId, state, CAUSE, model, population);
    }

    ObjectNode json(CustomerValue value, CustomerState state, ScoringModel model) {
        final ObjectNode node = AvroJson.of(value);
        final long asOf = CustomerEngine.asOf(state);
        final TierStanding standing = TierStanding.of(config.tiers(), config.tierMetric(), state.getTier(),
            figures.metricCents(config.tierMetric(), state, asOf, engine.score(state, asOf, model),
                population.prior(state.getSegment())));
        final ObjectNode tier = node.putObject("tierStanding");
        tier.put("tier", standing.tier());
        tier.put("metric", standing.metric().name());
        tier.put("value", money(standing.valueCents()));
        tier.put("nextTier", standing.nextTier());
        tier.put("neededForNextTier", money(standing.neededForNextTierCents()));
        tier.put("neededToKeepTier", money(standing.neededToKeepTierCents()));
        tier.put("downgradeDueAt", state.getDowngradeDueAt() == null ? null
            : Instant.ofEpochMilli(state.getDowngradeDueAt()).toString());
        return node;
    }

    private static java.math.BigDecimal money(Long cents) {
        return cents == null ? null : Money.toDecimal(cents);
    }
}
