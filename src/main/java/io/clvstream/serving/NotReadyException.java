package io.clvstream.serving;

/** The answer depends on state that is not queryable right now (start-up, rebalance, restore): HTTP 503. */
final class NotReadyException extends RuntimeException {

    NotReadyException(String message) {
        super(message, null, false, false);
    }
}
