package io.clvstream.serde;

import org.apache.kafka.common.errors.SerializationException;

/** A record that is not valid Schema Registry wire format or cannot be decoded; carries a stable reason code. */
public class WireFormatException extends SerializationException {

    /** Stable codes, used as dead-letter reason codes and metric tags. */
    public enum Reason { EMPTY, BAD_MAGIC_BYTE, TRUNCATED, UNKNOWN_SCHEMA_ID, WRONG_RECORD_TYPE, MALFORMED_AVRO, REGISTRY_UNAVAILABLE }

    private final Reason reason;

    public WireFormatException(Reason reason, String message) {
        this(reason, message, null);
    }

    public WireFormatException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
