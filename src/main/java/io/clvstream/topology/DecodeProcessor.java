package io.clvstream.topology;

import io.clvstream.avro.internal.CustomerEvent;
import io.clvstream.avro.internal.EventOrigin;
import io.clvstream.customer.InvalidEventException;
import io.clvstream.serde.WireFormatException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Decodes and validates the raw records of the input topics, each with its own {@link Input}, chosen by
 * the record's topic: one source and one decoder for all of them, so an event passes no merge node on its
 * way to the customer processor. Emits a {@link CustomerEvent} keyed by the record's key (as a string) or a
 * {@link io.clvstream.avro.DeadLetter}, each to the child node it is for ({@link ClvTopology#decodeChild}): an
 * event whose key is not its customer id goes through the repartition topic. Input is read as
 * bytes so that an undecodable record becomes a dead letter here instead of a deserialization exception
 * in the consumer.
 */
final class DecodeProcessor implements Processor<byte[], byte[], String, SpecificRecord> {

    /** Validates a decoded record and turns it into an event; throws {@link InvalidEventException}. */
    @FunctionalInterface
    interface Normalizer<T> {
        CustomerEvent normalize(T record, EventOrigin origin, long nowMs);
    }

    /** How one input topic's records become events. */
    record Input<T>(Deserializer<T> deserializer, Normalizer<T> normalizer) {
        CustomerEvent decode(String topic, byte[] value, EventOrigin origin, long nowMs) {
            return normalizer.normalize(deserializer.deserialize(topic, value), origin, nowMs);
        }
    }

    private final Map<String, Input<?>> inputs;
    private final DeadLetters deadLetters;
    private ProcessorContext<String, SpecificRecord> context;

    /** {@code inputs}: per input topic, how its records are decoded. */
    DecodeProcessor(Map<String, Input<?>> inputs, DeadLetterCounter counter) {
        this.inputs = Map.copyOf(inputs);
        this.deadLetters = new DeadLetters(counter);
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        final EventOrigin origin = origin(record);
        final long now = context.currentSystemTimeMs();
        final CustomerEvent event;
        try {
            event = decode(record, origin, now);
        } catch (WireFormatException e) {
            if (e.reason() == WireFormatException.Reason.REGISTRY_UNAVAILABLE) {
                // Not the record's fault: fail the task so the record is read again once the registry answers
                // (StreamThreadFailurePolicy replaces the thread; the transaction since the last commit is aborted).
                throw e;
            }
            forward(deadLetters.reject(origin, e.reason().name(), e.getClass().getName(), e.getMessage(), now, record.timestamp()));
            return;
        } catch (InvalidEventException e) {
            forward(deadLetters.reject(origin, e.code().name(), "VALIDATION", e.getMessage(), now, record.timestamp()));
            return;
        } catch (RuntimeException e) {
            // Anything else a decoder throws on hostile bytes (e.g. an out-of-range decimal) is the record's fault too.
            forward(deadLetters.reject(origin, "UNREADABLE", e.getClass().getName(), String.valueOf(e.getMessage()), now,
                record.timestamp()));
            return;
        }
        // Outside the try: a failure downstream is not this record's fault and must not become a dead letter.
        forward(new Record<>(DeadLetters.utf8OrNull(origin.getKey()), event, record.timestamp()));
    }

    private CustomerEvent decode(Record<byte[], byte[]> record, EventOrigin origin, long now) {
        if (record.value() == null) {
            throw new WireFormatException(WireFormatException.Reason.EMPTY, "Record has a null value (tombstone)");
        }
        final Input<?> input = inputs.get(origin.getTopic());
        if (input == null) {
            throw new IllegalStateException("No decoder for topic " + origin.getTopic() + "; inputs are " + inputs.keySet());
        }
        return input.decode(origin.getTopic(), record.value(), origin, now);
    }

    private void forward(Record<String, ? extends SpecificRecord> record) {
        context.forward(record, ClvTopology.decodeChild(record.key(), record.value()));
    }

    private EventOrigin origin(Record<byte[], byte[]> record) {
        final RecordMetadata metadata = context.recordMetadata().orElse(null);
        return new EventOrigin(
            metadata == null ? "unknown" : metadata.topic(),
            metadata == null ? -1 : metadata.partition(),
            metadata == null ? -1L : metadata.offset(),
            record.key() == null ? null : ByteBuffer.wrap(record.key()),
            record.value() == null ? null : ByteBuffer.wrap(record.value()));
    }
}
