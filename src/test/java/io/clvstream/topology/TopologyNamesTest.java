package io.clvstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.clvstream.registry.MockSchemaRegistry;
import io.clvstream.serde.ClvSerdes;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.TopologyDescription;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Store, changelog and repartition topic names derive from these node names: renaming one would
 * orphan the state of a running application, so a rename must fail here first.
 */
class TopologyNamesTest {

    static final String SCOPE = "topology-names-test";

    @AfterEach
    void drop() {
        MockSchemaRegistry.dropScope(SCOPE);
    }

    @Test
    void everyStatefulPieceKeepsItsName() {
        final TopologyDescription description = ClvTopology.build(Map.of(),
            ClvSerdes.create(Map.of("schema.registry.url", "mock://" + SCOPE))).describe();
        final String text = description.toString();

        // Customers (with their segment shares); model fitter; segment figures. Plus the model-params and segment-stats global stores.
        assertThat(description.subtopologies()).hasSize(3);
        assertThat(description.globalStores()).hasSize(2);
        assertThat(text)
            .contains("Source: events-source (topics: [")
            .contains("Processor: events-decode (stores: [])")
            .contains("Source: events-by-customer-repartition-source (topics: [events-by-customer-repartition])")
            .contains("Sink: events-by-customer-repartition-sink (topic: events-by-customer-repartition)")
            .contains("Processor: customer-processor (stores: [customer-state, tier-due-index])")
            .contains("Sink: rfm-summaries-repartition-sink (topic: rfm-summaries-repartition)")
            .contains("Source: rfm-summaries-repartition-source (topics: [rfm-summaries-repartition])")
            .contains("Processor: model-fitter (stores: [rfm-summary-store])")
            .contains("Sink: model-params-sink (topic: clv.model-params)")
            .contains("Sink: customer-values-sink (topic: clv.customer-values)")
            .contains("Sink: tier-changes-sink (topic: clv.tier-changes)")
            .contains("Sink: alerts-sink (topic: clv.alerts)")
            .contains("Sink: decode-dead-letter-sink (topic: clv.dead-letter)")
            .contains("Sink: customer-dead-letter-sink (topic: clv.dead-letter)")
            .contains("Source: model-params-source (topics: [clv.model-params])")
            .contains("Processor: model-params-updater (stores: [model-params-store])")
            .contains("Source: segment-stats-source (topics: [clv.segment-stats])")
            .contains("Processor: segment-stats-updater (stores: [segment-stats-store])")
            .contains("Processor: segment-partials (stores: [customer-state, segment-partials])")
            .contains("Sink: segment-partials-repartition-sink (topic: segment-partials-repartition)")
            .contains("Source: segment-partials-repartition-source (topics: [segment-partials-repartition])")
            .contains("Processor: segment-stats-merge (stores: [segment-partitions])")
            .contains("Sink: segment-stats-sink (topic: clv.segment-stats)")
            .doesNotContain("segment-members")
            // Per event, no merge or casting node between the source and the customer processor or segment shares.
            .doesNotContain("refunds-merge", "signups-merge", "keyed-events", "segment-changes")
            .doesNotContain("segment-last-purchase-days")
            .doesNotContain("KSTREAM-")
            .doesNotContain("KTABLE-");
        assertThat(description.subtopologies().stream().flatMap(sub -> sub.nodes().stream())
            .filter(node -> node.name().equals(ClvTopology.EVENTS_SOURCE)).findFirst().orElseThrow())
            .asInstanceOf(InstanceOfAssertFactories.type(TopologyDescription.Source.class))
            .extracting(TopologyDescription.Source::topicSet)
            .isEqualTo(Set.of("commerce.purchases", "commerce.refunds", "customers.signups"));
    }
}
