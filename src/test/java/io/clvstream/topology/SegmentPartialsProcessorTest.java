package io.clvstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.clvstream.avro.CustomerValue;
import io.clvstream.avro.EventRef;
import io.clvstream.avro.internal.CustomerState;
import io.clvstream.avro.internal.SegmentAggregate;
import io.clvstream.avro.internal.SegmentChange;
import io.clvstream.avro.internal.SegmentMember;
import io.clvstream.avro.internal.SegmentPartial;
import io.clvstream.segment.SegmentArithmetic;
import io.clvstream.segment.SegmentMembers;
import io.clvstream.segment.SegmentShares;
import io.clvstream.segment.SegmentsConfig;
import io.clvstream.serde.InternalAvroSerde;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The per-partition segment shares across a task's start and revival (which re-inits the same processor over
 * restored stores), and the hand-over of the start scan from the customer processor.
 */
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
        return context(Map.of(), Map.of());
    }

    /** A context whose stores hold {@code states} and the {@code published} partials, as restored. */
    static MockProcessorContext<String, SegmentPartial> context(Map<String, CustomerState> states,
                                                                Map<String, SegmentAggregate> published) {
        final MockProcessorContext<String, SegmentPartial> context = new MockProcessorContext<>();
        final KeyValueStore<String, CustomerState> customers = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(ClvTopology.CUSTOMER_STATE_STORE), Serdes.String(),
            new InternalAvroSerde<>(CustomerState.class)).withLoggingDisabled().build();
        final KeyValueStore<String, SegmentAggregate> partials = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(SegmentStatsTopology.PARTIALS_STORE), Serdes.String(),
            new InternalAvroSerde<>(SegmentAggregate.class)).withLoggingDisabled().build();
        customers.init(context.getStateStoreContext(), customers);
        partials.init(context.getStateStoreContext(), partials);
        states.forEach(customers::put);
        published.forEach(partials::put);
        return context;
    }

    static Map<String, SegmentAggregate> publish(MockProcessorContext<String, SegmentPartial> context) {
        return publish(context, T0.toEpochMilli());
    }

    static Map<String, SegmentAggregate> publish(MockProcessorContext<String, SegmentPartial> context, long now) {
        context.resetForwards();
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(now);
        return context.forwarded().stream().collect(Collectors.toMap(
            forwarded -> forwarded.record().key(), forwarded -> forwarded.record().value().getSums(), (a, b) -> b));
    }

    @Test
    void aRevivedTaskStartsFromItsRestoredStoresNotFromWhatTheAbortedTransactionLeftInMemory() {
        final SegmentPartialsProcessor processor = new SegmentPartialsProcessor(SegmentsConfig.defaults(),
            PunctuationType.WALL_CLOCK_TIME, new StartScans());
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

    @Test
    void aStartingTaskRebuildsItsSharesFromTheMembersInItsRestoredCustomerStates() {
        final SegmentMember a = joins("a", "100.00").getAfter();
        final SegmentMember b = joins("b", "50.25").getAfter();
        final SegmentMember late = SegmentMember.newBuilder(a).setUpdatedAt(T0.plusSeconds(60).toEpochMilli()).build();
        final Map<String, CustomerState> states = Map.of(
            "a", CustomerState.newBuilder().setSegmentMember(a).build(),
            "b", CustomerState.newBuilder().setSegmentMember(b).build(),
            "signed-up-only", CustomerState.newBuilder().setSegment("x").build());
        // Published before the restart: "x" later than any member says, and "gone", whose last member had left.
        final SegmentAggregate gone = SegmentArithmetic.empty();
        SegmentArithmetic.addTo(gone, SegmentMember.newBuilder(late).setSegment("gone").build());
        final SegmentAggregate x = SegmentArithmetic.empty();
        x.setAsOf(T0.plusSeconds(120).toEpochMilli());
        final MockProcessorContext<String, SegmentPartial> context = context(states, Map.of("x", x, "gone", gone));

        final SegmentPartialsProcessor processor = new SegmentPartialsProcessor(SegmentsConfig.defaults(),
            PunctuationType.WALL_CLOCK_TIME, new StartScans());
        processor.init(context);
        final Map<String, SegmentAggregate> published = publish(context, T0.toEpochMilli());

        // The sums of the two members, computed here member by member as an independent route.
        assertThat(published.get("x").getCustomers()).isEqualTo(2);
        assertThat(published.get("x").getNetCents()).isEqualTo(10_000 + 5_025);
        assertThat(published.get("x").getDaysClassified()).isEqualTo(2);
        assertThat(published.get("x").getAsOf()).isEqualTo(T0.plusSeconds(120).toEpochMilli());
        assertThat(published.get("gone").getCustomers()).isZero();
        assertThat(published.get("gone").getAsOf()).isEqualTo(T0.plusSeconds(60).toEpochMilli());
        assertThat(published.get("*").getCustomers()).isEqualTo(2);

        // A member moving between days and segments afterwards moves the rebuilt sums like any other.
        processor.process(new Record<>("b", new SegmentChange(b, SegmentMember.newBuilder(b).setSegment("y").build()),
            T0.toEpochMilli()));
        final Map<String, SegmentAggregate> after = publish(context, T0.toEpochMilli() + 1_000);
        assertThat(after.get("x").getCustomers()).isEqualTo(1);
        assertThat(after.get("x").getDaysClassified()).isEqualTo(1);
        assertThat(after.get("y").getNetCents()).isEqualTo(5_025);
        assertThat(after).doesNotContainKey("gone");
    }

    @Test
    void aStartingTaskTakesTheSharesItsCustomerProcessorBuiltOnThisThreadInsteadOfScanningAgain() throws Exception {
        final SegmentMember a = joins("a", "100.00").getAfter();
        final SegmentMember b = joins("b", "50.25").getAfter();
        final MockProcessorContext<String, SegmentPartial> context = context(Map.of(
            "a", CustomerState.newBuilder().setSegmentMember(a).build(),
            "b", CustomerState.newBuilder().setSegmentMember(b).build()), Map.of());
        final StartScans scans = new StartScans();
        final SegmentPartialsProcessor processor = new SegmentPartialsProcessor(SegmentsConfig.defaults(),
            PunctuationType.WALL_CLOCK_TIME, scans);
        // Shares that differ from the store (only a) show which source the processor used.
        final SegmentShares onlyA = new SegmentShares();
        onlyA.add(a);

        scans.handOver(context.taskId(), onlyA);
        processor.init(context);
        assertThat(publish(context).get("x").getNetCents()).isEqualTo(10_000);

        // Handed over for another task, or on another thread: not this task's, so it scans the store.
        scans.handOver(new TaskId(9, 9), onlyA);
        processor.init(context);
        assertThat(publish(context).get("x").getNetCents()).isEqualTo(10_000 + 5_025);
        final Thread other = new Thread(() -> scans.handOver(context.taskId(), onlyA));
        other.start();
        other.join();
        processor.init(context);
        assertThat(publish(context).get("x").getNetCents()).isEqualTo(10_000 + 5_025);
    }

    @Test
    void theProductionTopologyStartsTheCustomerProcessorFirstSoOneScanServesBoth() {
        final LoggerContext logs = (LoggerContext) LoggerFactory.getILoggerFactory();
        final Logger logger = logs.getLogger(SegmentPartialsProcessor.class);
        final Level level = logger.getLevel();
        final ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.setContext(logs);
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.INFO);
        try (TopologyFixture ignored = new TopologyFixture(T0, Map.of())) {
            assertThat(appender.list).map(ILoggingEvent::getFormattedMessage).singleElement().asString()
                .contains("from the customer processor's start scan");
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(level);
        }
    }
}
