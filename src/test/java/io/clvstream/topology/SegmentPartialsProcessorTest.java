package io.clvstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.clvstream.avro.CustomerValue;
import io.clvstream.avro.EventRef;
import io.clvstream.avro.internal.CustomerState;
import io.clvstream.avro.internal.SegmentAggregate;
import io.clvstream.avro.internal.SegmentChange;
import io.clvstream.avro.internal.SegmentPartial;
import io.clvstream.segment.SegmentMembers;
import io.clvstream.segment.SegmentsConfig;
import io.clvstream.serde.InternalAvroSerde;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** The per-partition segment shares across a task revival, which re-inits the same processor over restored stores. */
class SegmentPartialsProcessorTest {

    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    /** A customer's first contribution, as the customer processor sends it. */
    static SegmentChange joins(String id, String net) {
        final CustomerValue value = CustomerValue.newBuilder().setCustomerId(id).setSegment("x").setOrders(1)
            .setRepeatCustomer(false).setNetRevenue(new BigDecimal(net)).setHistoricClv(new BigDecimal(net))
            .setFirstPurchaseAt(T0).setLastPurchaseAt(T0).setCause(new EventRef("e", "PURCHASE", null)).setUpdatedAt(T0)
            .build();
        return new SegmentChange(null, new SegmentMembers(SegmentsConfig.defaults()).of(value));
    }

    /** A context over fresh, empty stores: what a task revived after an aborted transaction restores to here. */
    static MockProcessorContext<String, SegmentPartial> context() {
        final MockProcessorContext<String, SegmentPartial> context = new MockProcessorContext<>();
        final KeyValueStore<String, CustomerState> customers = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(ClvTopology.CUSTOMER_STATE_STORE), Serdes.String(),
            new InternalAvroSerde<>(CustomerState.class)).withLoggingDisabled().build();
        final KeyValueStore<String, SegmentAggregate> partials = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(SegmentStatsTopology.PARTIALS_STORE), Serdes.String(),
            new InternalAvroSerde<>(SegmentAggregate.class)).withLoggingDisabled().build();
        final var days = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(SegmentStatsTopology.DAYS_STORE),
            Serdes.Bytes(), Serdes.Long()).withLoggingDisabled().build();
        customers.init(context.getStateStoreContext(), customers);
        partials.init(context.getStateStoreContext(), partials);
        days.init(context.getStateStoreContext(), days);
        return context;
    }

    static Map<String, SegmentAggregate> publish(MockProcessorContext<String, SegmentPartial> context) {
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(T0.toEpochMilli());
        return context.forwarded().stream().collect(Collectors.toMap(
            forwarded -> forwarded.record().key(), forwarded -> forwarded.record().value().getSums(), (a, b) -> b));
    }

    @Test
    void aRevivedTaskStartsFromItsRestoredStoresNotFromWhatTheAbortedTransactionLeftInMemory() {
        final SegmentPartialsProcessor processor = new SegmentPartialsProcessor(SegmentsConfig.defaults(),
            PunctuationType.WALL_CLOCK_TIME);
        final MockProcessorContext<String, SegmentPartial> first = context();
        processor.init(first);
        processor.process(new Record<>("a", joins("a", "100.00"), T0.toEpochMilli()));
        assertThat(publish(first).get("x").getCustomers()).isEqualTo(1);

        // The transaction with a's change aborts; the stores come back without it and the processor is re-initialized.
        final MockProcessorContext<String, SegmentPartial> revived = context();
        processor.init(revived);
        processor.process(new Record<>("b", joins("b", "50.00"), T0.toEpochMilli()));
        final Map<String, SegmentAggregate> published = publish(revived);
        assertThat(published.get("x").getCustomers()).isEqualTo(1);
        assertThat(published.get("x").getNetCents()).isEqualTo(5_000);
        assertThat(published.get("*").getNetCents()).isEqualTo(5_000);
        assertThat(published.get("x").getDaysClassified()).isEqualTo(1);
    }
}
