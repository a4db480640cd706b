package io.clvstream.config;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * A send callback for producers whose every record must arrive: it keeps the first failure and counts them all,
 * so that the caller can stop with a clear error instead of going on over data that is not on the broker.
 */
public final class FirstSendFailure implements Callback {

    private final AtomicReference<Exception> first = new AtomicReference<>();
    private final AtomicLong failed = new AtomicLong();

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
        if (exception != null) {
            first.compareAndSet(null, exception);
            failed.incrementAndGet();
        }
    }

    /** Throws if any send failed; {@code what} names what was being sent. */
    public void throwIfFailed(String what) {
        final Exception error = first.get();
        if (error != null) {
            throw new IllegalStateException("Cannot send %s: %,d record(s) failed, the first with: %s"
                .formatted(what, failed.get(), error.getMessage()), error);
        }
    }
}
