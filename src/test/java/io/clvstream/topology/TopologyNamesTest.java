package io.clvstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.clvstream.avro.Alert;
import io.clvstream.avro.CustomerValue;
import io.clvstream.avro.DeadLetter;
import io.clvstream.avro.TierChange;
import io.clvstream.avro.internal.CustomerEvent;
import io.clvstream.avro.internal.CustomerEventType;
import io.clvstream.avro.internal.EventOrigin;
import io.clvstream.avro.internal.RfmSummary;
import io.clvstream.avro.internal.SegmentChange;
import io.clvstream.registry.MockSchemaRegistry;
import io.clvstream.serde.ClvSerdes;
import java.util.List;
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
            .doesNotContain("KTABLE-")
            // Records go to their child by name: no split or branch nodes on the way.
            .doesNotContain("route-", "emit-");
        // Task directories are named by sub-topology id: an upgrade must find its customers where it left them.
        assertThat(subtopologyOf(description, ClvTopology.CUSTOMER_PROCESSOR)).isZero();
        assertThat(subtopologyOf(description, "segment-stats-merge")).isEqualTo(1);
        assertThat(subtopologyOf(description, ClvTopology.MODEL_FITTER)).isEqualTo(2);
        assertThat(description.subtopologies().stream().flatMap(sub -> sub.nodes().stream())
            .filter(node -> node.name().equals(ClvTopology.EVENTS_SOURCE)).findFirst().orElseThrow())
            .asInstanceOf(InstanceOfAssertFactories.type(TopologyDescription.Source.class))
            .extracting(TopologyDescription.Source::topicSet)
            .isEqualTo(Set.of("commerce.purchases", "commerce.refunds", "customers.signups"));
    }

    @Test
    void everyNameARecordIsForwardedToIsAChildOfTheNodeForwardingIt() {
        final TopologyDescription description = ClvTopology.build(Map.of(),
            ClvSerdes.create(Map.of("schema.registry.url", "mock://" + SCOPE))).describe();
        final CustomerEvent keyed = CustomerEvent.newBuilder().setType(CustomerEventType.PURCHASE).setCustomerId("c1")
            .setEventId("e1").setOccurredAt(0L).setOrigin(new EventOrigin("t", 0, 0L, null, null)).build();
        assertThat(children(description, "events-decode")).containsExactlyInAnyOrder(
            ClvTopology.decodeChild("c1", keyed), ClvTopology.decodeChild("c2", keyed),
            ClvTopology.decodeChild("c1", new DeadLetter()));
        assertThat(children(description, ClvTopology.CUSTOMER_PROCESSOR)).containsExactlyInAnyOrder(
            ClvTopology.emitChild(new CustomerValue()), ClvTopology.emitChild(new TierChange()),
            ClvTopology.emitChild(new Alert()), ClvTopology.emitChild(new DeadLetter()),
            ClvTopology.emitChild(new SegmentChange()), ClvTopology.emitChild(new RfmSummary()));
    }

    static TopologyDescription.Node node(TopologyDescription description, String name) {
        return description.subtopologies().stream().flatMap(sub -> sub.nodes().stream())
            .filter(node -> node.name().equals(name)).findFirst().orElseThrow();
    }

    static List<String> children(TopologyDescription description, String name) {
        return node(description, name).successors().stream().map(TopologyDescription.Node::name).toList();
    }

    static int subtopologyOf(TopologyDescription description, String name) {
        return description.subtopologies().stream()
            .filter(sub -> sub.nodes().stream().anyMatch(node -> node.name().equals(name)))
            .findFirst().orElseThrow().id();
    }
}
