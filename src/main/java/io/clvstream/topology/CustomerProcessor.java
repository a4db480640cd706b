package io.clvstream.topology;

import io.clvstream.avro.internal.CustomerEvent;
import io.clvstream.avro.internal.CustomerState;
import io.clvstream.customer.CustomerEngine;
import io.clvstream.customer.CustomerLedger;
import io.clvstream.customer.CustomerTopologyConfig;
import io.clvstream.customer.InvalidEventException;
import io.clvstream.customer.TimeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
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
 * {@code tier-due-index}), never the whole store. Emits CustomerValue, TierChange, Alert and
 * DeadLetter records; the topology routes them by type.
 */
final class CustomerProcessor implements Processor<String, CustomerEvent, String, SpecificRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(CustomerProcessor.class);
    private static final byte[] PRESENT = new byte[0];

    private final CustomerTopologyConfig config;
    private final CustomerEngine engine;
    private final DeadLetters deadLetters;
    private final ProcessingListener listener;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, CustomerState> states;
    private KeyValueStore<Bytes, byte[]> dueIndex;

    CustomerProcessor(CustomerTopologyConfig config, DeadLetterCounter counter, ProcessingListener listener) {
        this.config = config;
        this.engine = new CustomerEngine(config);
        this.deadLetters = new DeadLetters(counter);
        this.listener = listener;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.states = context.getStateStore(ClvTopology.CUSTOMER_STATE_STORE);
        this.dueIndex = context.getStateStore(ClvTopology.DUE_INDEX_STORE);
        context.schedule(config.punctuationInterval(),
            config.timeSource() == TimeSource.WALL_CLOCK ? PunctuationType.WALL_CLOCK_TIME : PunctuationType.STREAM_TIME,
            this::reevaluateDue);
    }

    @Override
    public void process(Record<String, CustomerEvent> record) {
        final String customerId = record.key();
        // The store hands out a fresh copy, so a rejected event's partial changes are simply not written.
        final CustomerState stored = states.get(customerId);
        final CustomerState state = stored == null ? CustomerLedger.empty() : stored;
        final Long previousDue = state.getDueAt();
        final CustomerEngine.Update update;
        try {
            update = engine.onEvent(customerId, state, record.value());
        } catch (InvalidEventException e) {
            context.forward(widen(deadLetters.reject(record.value().getOrigin(), e.code().name(), "VALIDATION",
                e.getMessage(), context.currentSystemTimeMs(), record.timestamp())));
            return;
        } catch (RuntimeException e) {
            // A bug or an input nobody foresaw: park the event rather than stop every customer on this task.
            LOG.error("Cannot apply event {} to customer {}", record.value().getEventId(), customerId, e);
            context.forward(widen(deadLetters.reject(record.value().getOrigin(), "UNPROCESSABLE", e.getClass().getName(),
                String.valueOf(e.getMessage()), context.currentSystemTimeMs(), record.timestamp())));
            return;
        }
        // Counted before the duplicate check: a duplicate was processed too, and its lag is as real.
        listener.eventProcessed(record.value().getType().name(), record.value().getOccurredAt(),
            context.currentSystemTimeMs());
        if (!update.changed()) {
            return;
        }
        moveDueEntry(customerId, previousDue, state.getDueAt());
        states.put(customerId, state);
        emit(customerId, update, record.timestamp());
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
        for (final Bytes key : due) {
            dueIndex.delete(key);
            final String customerId = DueIndex.customerId(key);
            final CustomerState state = states.get(customerId);
            if (state == null || !Objects.equals(state.getDueAt(), DueIndex.dueAt(key))) {
                continue;
            }
            final CustomerEngine.Update update = engine.onTime(customerId, state, now);
            if (state.getDueAt() != null) {
                dueIndex.put(DueIndex.key(state.getDueAt(), customerId), PRESENT);
            }
            states.put(customerId, state);
            emit(customerId, update, now);
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
            dueIndex.put(DueIndex.key(due, customerId), PRESENT);
        }
    }

    private void emit(String customerId, CustomerEngine.Update update, long timestamp) {
        if (update.tierChange() != null) {
            listener.tierChanged(update.tierChange().getDirection().name());
            context.forward(new Record<>(customerId, update.tierChange(), timestamp));
        }
        if (update.alert() != null) {
            listener.alertEmitted(update.alert().getType().name());
            context.forward(new Record<>(customerId, update.alert(), timestamp));
        }
        if (update.value() != null) {
            context.forward(new Record<>(customerId, update.value(), timestamp));
        }
    }

    private static Record<String, SpecificRecord> widen(Record<String, ? extends SpecificRecord> record) {
        return new Record<>(record.key(), record.value(), record.timestamp());
    }
}
