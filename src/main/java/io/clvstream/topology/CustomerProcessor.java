package io.clvstream.topology;

import io.clvstream.avro.CustomerValue;
import io.clvstream.avro.ModelParams;
import io.clvstream.avro.internal.CustomerEvent;
import io.clvstream.avro.internal.CustomerState;
import io.clvstream.avro.internal.SegmentChange;
import io.clvstream.avro.internal.SegmentMember;
import io.clvstream.customer.CustomerEngine;
import io.clvstream.customer.CustomerLedger;
import io.clvstream.customer.CustomerTopologyConfig;
import io.clvstream.customer.InvalidEventException;
import io.clvstream.customer.Population;
import io.clvstream.customer.TimeSource;
import io.clvstream.predict.ScoringModel;
import io.clvstream.segment.SegmentMembers;
import io.clvstream.segment.SegmentShares;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-customer processor: one read and one write of {@code customer-state} per event, and a
 * punctuator that re-evaluates only the customers whose due time has come (from
 * {@code tier-due-index}), never the whole store. Emits CustomerValue, TierChange, Alert, DeadLetter
 * and SegmentChange records, each forwarded to the child node for its type. The customer's segment contribution is
 * kept in its state, so the segment shares cost no store read of their own.
 */
final class CustomerProcessor implements Processor<String, CustomerEvent, String, SpecificRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(CustomerProcessor.class);

    private final CustomerTopologyConfig config;
    private final CustomerEngine engine;
    private final DeadLetters deadLetters;
    private final CurrentModel model;
    private final RfmSample sample;
    private final ProcessingListener listener;
    private final Function<Function<String, byte[]>, Population> populationOf;
    private final SegmentMembers members;
    private final StartScans startScans;
    private Population population;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, CustomerState> states;
    private KeyValueStore<Bytes, byte[]> dueIndex;

    /** {@code populationOf} makes the population figures from a lookup of published segment-stats bytes. */
    CustomerProcessor(CustomerTopologyConfig config, DeadLetterCounter counter, ProcessingListener listener,
                      Deserializer<ModelParams> params, String paramsTopic,
                      Function<Function<String, byte[]>, Population> populationOf, SegmentMembers members,
                      StartScans startScans) {
        this.config = config;
        this.engine = new CustomerEngine(config);
        this.deadLetters = new DeadLetters(counter);
        this.listener = listener;
        this.model = new CurrentModel(engine.prior(), params, paramsTopic);
        this.sample = new RfmSample(config.predict().sampleSize());
        this.populationOf = populationOf;
        this.members = members;
        this.startScans = startScans;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.states = context.getStateStore(ClvTopology.CUSTOMER_STATE_STORE);
        this.dueIndex = context.getStateStore(ClvTopology.DUE_INDEX_STORE);
        this.model.init(context.getStateStore(ClvTopology.MODEL_PARAMS_STORE));
        restoreFromStates();
        final KeyValueStore<String, byte[]> segmentStats = context.getStateStore(ClvTopology.SEGMENT_STATS_STORE);
        this.population = populationOf.apply(segmentStats::get);
        final PunctuationType clock =
            config.timeSource() == TimeSource.WALL_CLOCK ? PunctuationType.WALL_CLOCK_TIME : PunctuationType.STREAM_TIME;
        context.schedule(config.punctuationInterval(), clock, this::reevaluateDue);
        context.schedule(config.predict().summaryInterval(), clock, this::publishSummary);
    }

    /**
     * The one scan of {@code customer-state} a start needs: it rebuilds the RFM sample and the due index,
     * and builds the segment shares, handed to the segment-partials processor that this task initializes next.
     */
    private void restoreFromStates() {
        final long start = System.nanoTime();
        final SegmentShares shares = new SegmentShares();
        final DueIndex.Loader due = new DueIndex.Loader(dueIndex);
        sample.attach(states);
        final long customers = CustomerStates.forEach(states, (customerId, state) -> {
            sample.restore(customerId, state);
            shares.add(state.getSegmentMember());
            due.add(customerId, state.getDueAt());
        });
        due.finish();
        startScans.handOver(context.taskId(), shares);
        // Worth seeing next to the restore it follows: the scan is most of a large task's start after it.
        LOG.info("Task {}: start scan of {} customers in {} ms", context.taskId(), customers,
            (System.nanoTime() - start) / 1_000_000);
    }

    @Override
    public void process(Record<String, CustomerEvent> record) {
        final String customerId = record.key();
        // The store hands out a fresh copy, so a rejected event's partial changes are simply not written.
        final CustomerState stored = states.get(customerId);
        final CustomerState state = stored == null ? CustomerLedger.empty() : stored;
        final Long previousDue = state.getDueAt();
        final boolean wasPurchaser = RfmSample.purchaser(stored);
        final CustomerEngine.Update update;
        try {
            update = engine.onEvent(customerId, state, record.value(), model.get(), population);
        } catch (InvalidEventException e) {
            forward(deadLetters.reject(record.value().getOrigin(), e.code().name(), "VALIDATION",
                e.getMessage(), context.currentSystemTimeMs(), record.timestamp()));
            return;
        } catch (RuntimeException e) {
            // A bug or an input nobody foresaw: park the event rather than stop every customer on this task.
            LOG.error("Cannot apply event {} to customer {}", record.value().getEventId(), customerId, e);
            forward(deadLetters.reject(record.value().getOrigin(), "UNPROCESSABLE", e.getClass().getName(),
                String.valueOf(e.getMessage()), context.currentSystemTimeMs(), record.timestamp()));
            return;
        }
        // Counted before the duplicate check: a duplicate was processed too, and its lag is as real.
        listener.eventProcessed(record.value().getType().name(), record.value().getOccurredAt(),
            context.currentSystemTimeMs());
        if (!update.changed()) {
            return;
        }
        moveDueEntry(customerId, previousDue, state.getDueAt());
        final SegmentChange segmentChange = segmentChange(state, update.value());
        states.put(customerId, state);
        sample.update(customerId, wasPurchaser, state);
        emit(customerId, update, segmentChange, record.timestamp());
    }

    /** Publishes this task's sample for the fitter, keyed by the partition so the fitter keeps one per partition. */
    private void publishSummary(long now) {
        final int partition = context.taskId().partition();
        forward(new Record<>(Integer.toString(partition), sample.summary(partition, now), now));
    }

    private void reevaluateDue(long now) {
        final List<Bytes> due = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> entries = dueIndex.all()) {
            while (entries.hasNext()) {
                final KeyValue<Bytes, byte[]> entry = entries.next();
                if (DueIndex.dueAt(entry.key) > now) {
                    break;
                }
                due.add(entry.key);
            }
        }
        final ScoringModel current = model.get();
        for (final Bytes key : due) {
            dueIndex.delete(key);
            final String customerId = DueIndex.customerId(key);
            final CustomerState state = states.get(customerId);
            if (state == null || !Objects.equals(state.getDueAt(), DueIndex.dueAt(key))) {
                continue;
            }
            final CustomerEngine.Update update = engine.onTime(customerId, state, now, current, population);
            if (state.getDueAt() != null) {
                dueIndex.put(DueIndex.key(state.getDueAt(), customerId), DueIndex.PRESENT);
            }
            final SegmentChange segmentChange = segmentChange(state, update.value());
            states.put(customerId, state);
            emit(customerId, update, segmentChange, now);
        }
    }

    private void moveDueEntry(String customerId, Long previousDue, Long due) {
        if (Objects.equals(previousDue, due)) {
            return;
        }
        if (previousDue != null) {
            dueIndex.delete(DueIndex.key(previousDue, customerId));
        }
        if (due != null) {
            dueIndex.put(DueIndex.key(due, customerId), DueIndex.PRESENT);
        }
    }

    /**
     * Records in {@code state} what the published {@code value} contributes to its segment and returns the
     * change for the segment shares; null when there is no value or the contribution did not change.
     */
    private SegmentChange segmentChange(CustomerState state, CustomerValue value) {
        if (value == null) {
            return null;
        }
        final SegmentMember before = state.getSegmentMember();
        final SegmentMember after = members.of(value);
        if (Objects.equals(before, after)) {
            return null;
        }
        state.setSegmentMember(after);
        return new SegmentChange(before, after);
    }

    private void emit(String customerId, CustomerEngine.Update update, SegmentChange segmentChange, long timestamp) {
        if (update.tierChange() != null) {
            listener.tierChanged(update.tierChange().getDirection().name());
            forward(new Record<>(customerId, update.tierChange(), timestamp));
        }
        if (update.alert() != null) {
            listener.alertEmitted(update.alert().getType().name());
            forward(new Record<>(customerId, update.alert(), timestamp));
        }
        if (update.atRisk() != null) {
            listener.alertEmitted(update.atRisk().getType().name());
            forward(new Record<>(customerId, update.atRisk(), timestamp));
        }
        if (update.value() != null) {
            forward(new Record<>(customerId, update.value(), timestamp));
        }
        if (segmentChange != null) {
            forward(new Record<>(customerId, segmentChange, timestamp));
        }
    }

    /** To the one child node the value's type is for ({@link ClvTopology#emitChild}); no split node between. */
    private void forward(Record<String, ? extends SpecificRecord> record) {
        context.forward(record, ClvTopology.emitChild(record.value()));
    }
}
