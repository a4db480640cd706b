package io.clvstream.topology;

import io.clvstream.avro.DeadLetter;
import io.clvstream.avro.internal.EventOrigin;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds, logs and counts the dead letter of a rejected input record. */
final class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private final DeadLetterCounter counter;

    DeadLetters(DeadLetterCounter counter) {
        this.counter = counter;
    }

    /** The dead letter of the record read at {@code origin}, keyed by the original key when it is UTF-8. */
    Record<String, DeadLetter> reject(EventOrigin origin, String reasonCode, String errorClass, String reason,
                                      long nowMs, long timestamp) {
        LOG.warn("Dead-lettering record from {}-{} at offset {}: {} ({})",
            origin.getTopic(), origin.getPartition(), origin.getOffset(), reason, reasonCode);
        counter.increment(reasonCode);
        final DeadLetter letter = DeadLetter.newBuilder()
            .setSourceTopic(origin.getTopic())
            .setPartition(origin.getPartition())
            .setOffset(origin.getOffset())
            .setKey(origin.getKey())
            .setValue(origin.getValue())
            .setReason(reason)
            .setErrorClass(errorClass)
            .setReasonCode(reasonCode)
            .setOccurredAt(Instant.ofEpochMilli(nowMs))
            .build();
        return new Record<>(utf8OrNull(origin.getKey()), letter, timestamp);
    }

    static String utf8OrNull(ByteBuffer bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(bytes.duplicate())
                .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
