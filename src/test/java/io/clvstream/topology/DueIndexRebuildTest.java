package io.clvstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.clvstream.avro.Alert;
import io.clvstream.avro.AlertType;
import io.clvstream.avro.internal.CustomerState;
import io.clvstream.serde.InternalAvroSerde;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * {@code tier-due-index} has no changelog: a task that starts over restored customer states, with an index that is
 * empty (a new instance) or holds entries from before (a clean restart, a crash), rebuilds it from the start scan.
 */
class DueIndexRebuildTest {

    static final Instant NOW = AtRiskAlertTest.SECOND.plus(Duration.ofHours(1));

    @Test
    void aStartingTaskRebuildsTheIndexFromCustomerStateSoTheAtRiskAlertStillComesOnTime() {
        try (TopologyFixture f = new TopologyFixture(NOW, AtRiskAlertTest.CONFIG)) {
            final CustomerState restored = customerMadeDueByTwoPurchases(f);
            assertThat(f.driver.producedTopicNames()).contains("clv-test-customer-state-changelog")
                .doesNotContain("clv-test-tier-due-index-changelog");
            final Instant crossing = AtRiskAlertTest.FIRST.plusMillis(
                Math.round(AtRiskAlertTest.crossingDays(1, 10) * 86_400_000L));
            assertThat(Instant.ofEpochMilli(restored.getDueAt())).isBetween(crossing.minusSeconds(60), crossing.plusSeconds(60));

            final MockProcessorContext<String, SpecificRecord> context = new MockProcessorContext<>();
            final KeyValueStore<Bytes, byte[]> index = stores(context, Map.of("c-1", restored));
            start(f, context);
            assertThat(index.get(DueIndex.key(restored.getDueAt(), "c-1"))).isNotNull();

            assertThat(alertsAt(context, crossing.minus(Duration.ofMinutes(2)))).isEmpty();
            final List<Alert> alerts = alertsAt(context, crossing.plus(Duration.ofMinutes(2)));
            assertThat(alerts).extracting(Alert::getType).containsExactly(AlertType.AT_RISK);
            assertThat(alerts.get(0).getValue()).isLessThan(0.5);
        }
    }

    @Test
    void anEntryLeftFromBeforeThatNoLongerMatchesItsCustomerIsDroppedWithoutAnyOutput() {
        try (TopologyFixture f = new TopologyFixture(NOW, AtRiskAlertTest.CONFIG)) {
            final CustomerState restored = customerMadeDueByTwoPurchases(f);
            final MockProcessorContext<String, SpecificRecord> context = new MockProcessorContext<>();
            final KeyValueStore<Bytes, byte[]> index = stores(context, Map.of("c-1", restored));
            // Written by a transaction that never committed: the restored state says a later time.
            final Bytes stale = DueIndex.key(NOW.plus(Duration.ofDays(1)).toEpochMilli(), "c-1");
            index.put(stale, DueIndex.PRESENT);
            start(f, context);

            assertThat(alertsAt(context, NOW.plus(Duration.ofDays(2)))).isEmpty();
            assertThat(context.forwarded()).isEmpty();
            assertThat(index.get(stale)).isNull();
            assertThat(index.get(DueIndex.key(restored.getDueAt(), "c-1"))).isNotNull();
        }
    }

    /** The state of a high-value customer after two purchases, through the production topology. */
    static CustomerState customerMadeDueByTwoPurchases(TopologyFixture f) {
        f.buy("c-1", "o-1", AtRiskAlertTest.FIRST, "80.00");
        f.buy("c-1", "o-2", AtRiskAlertTest.SECOND, "80.00");
        return f.state("c-1");
    }

    /** The customer processor's stores as a task finds them on start: {@code states} restored, the index empty. */
    static KeyValueStore<Bytes, byte[]> stores(MockProcessorContext<String, SpecificRecord> context,
                                               Map<String, CustomerState> states) {
        final KeyValueStore<String, CustomerState> customers = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(ClvTopology.CUSTOMER_STATE_STORE), Serdes.String(),
            new InternalAvroSerde<>(CustomerState.class)).withLoggingDisabled().build();
        final KeyValueStore<Bytes, byte[]> index = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(ClvTopology.DUE_INDEX_STORE), Serdes.Bytes(), Serdes.ByteArray())
            .withLoggingDisabled().build();
        for (final String global : List.of(ClvTopology.MODEL_PARAMS_STORE, ClvTopology.SEGMENT_STATS_STORE)) {
            final KeyValueStore<String, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(global),
                Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build();
            store.init(context.getStateStoreContext(), store);
        }
        customers.init(context.getStateStoreContext(), customers);
        index.init(context.getStateStoreContext(), index);
        states.forEach(customers::put);
        return index;
    }

    /** A customer processor wired as {@code f}'s topology wires it, started on {@code context}. */
    static void start(TopologyFixture f, MockProcessorContext<String, SpecificRecord> context) {
        ClvTopology.customerProcessor(f.config, f.serdes, new DeadLetterCounter(), ProcessingListener.NONE, new StartScans())
            .init(context);
    }

    /** What the due-time punctuator (the first scheduled) emits as alerts at {@code time}. */
    static List<Alert> alertsAt(MockProcessorContext<String, SpecificRecord> context, Instant time) {
        context.resetForwards();
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(time.toEpochMilli());
        return context.forwarded().stream().map(forwarded -> forwarded.record().value())
            .filter(Alert.class::isInstance).map(Alert.class::cast).toList();
    }
}
