package io.clvstream.customer;

/**
 * An input event that decodes but must not be applied. Caught by the topology and turned into a
 * dead letter; the code is stable (dead-letter {@code reasonCode}, metric tag).
 */
public final class InvalidEventException extends RuntimeException {

    /** Stable reason codes of validation failures. */
    public enum Code { MISSING_ID, NEGATIVE_AMOUNT, NON_POSITIVE_REFUND, FUTURE_TIMESTAMP, TIMESTAMP_TOO_OLD, UNKNOWN_CURRENCY, REFUND_EXCEEDS_ORDER }

    private final Code code;

    public InvalidEventException(Code code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
