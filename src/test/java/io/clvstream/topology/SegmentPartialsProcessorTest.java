package io.clvstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.clvstream.avro.CustomerValue;
import io.clvstream.avro.EventRef;
import io.clvstream.avro.internal.SegmentAggregate;
import io.clvstream.avro.internal.SegmentMember;
import io.clvstream.avro.internal.SegmentPartial;
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

    static CustomerValue value(String id, String net) {
        return CustomerValue.newBuilder().setCustomerId(id).setSegment("x").setOrders(1).setRepeatCustomer(false)
            .setNetRevenue(new BigDecimal(net)).setHistoricClv(new BigDecimal(net)).setFirstPurchaseAt(T0)
            .setLastPurchaseAt(T0).setCause(new EventRef("e", "PURCHASE", null)).setUpdatedAt(T0).build();
    }

    /** A context over fresh, empty stores: what a task revived after an aborted transaction restores to here. */
    static MockProcessorContext<String, SegmentPartial> context() {
        final MockProcessorContext<String, SegmentPartial> context = new MockProcessorContext<>();
        final KeyValueStore<String, SegmentMember> members = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(SegmentStatsTopology.MEMBERS_STORE), Serdes.String(),
            new InternalAvroSerde<>(SegmentMember.class)).withLoggingDisabled().build();
        final KeyValueStore<String, SegmentAggregate> partials = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(SegmentStatsTopology.PARTIALS_STORE), Serdes.String(),
            new InternalAvroSerde<>(SegmentAggregate.class)).withLoggingDisabled().build();
        final var days = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(SegmentStatsTopology.DAYS_STORE),
            Serdes.Bytes(), Serdes.Long()).withLoggingDisabled().build();
        members.init(context.getStateStoreContext(), members);
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
        processor.process(new Record<>("a", value("a", "100.00"), T0.toEpochMilli()));
        assertThat(publish(first).get("x").getCustomers()).isEqualTo(1);

        // The transaction with a's change aborts; the stores come back without it and the processor is re-initialized.
        final MockProcessorContext<String, SegmentPartial> revived = context();
        processor.init(revived);
        processor.process(new Record<>("b", value("b", "50.00"), T0.toEpochMilli()));
        final Map<String, SegmentAggregate> published = publish(revived);
        assertThat(published.get("x").getCustomers()).isEqualTo(1);
        assertThat(published.get("x").getNetCents()).isEqualTo(5_000);
        assertThat(published.get("*").getNetCents()).isEqualTo(5_000);
        assertThat(published.get("x").getDaysClassified()).isEqualTo(1);
    }
}
