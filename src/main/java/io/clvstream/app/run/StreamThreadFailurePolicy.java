package io.clvstream.app.run;

import io.clvstream.registry.SchemaRegistryException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a dying stream thread means for the instance. A schema registry that cannot answer (after
 * the client's own bounded retries) is an outage, not bad data: the thread is replaced, its tasks
 * resume from the last committed offsets (under exactly-once the open transaction is aborted, so
 * nothing is lost or written twice) and the records are read again, which retries the registry.
 * Everything else is a bug or a misconfiguration and stops the instance (exit 1).
 */
public final class StreamThreadFailurePolicy implements StreamsUncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(StreamThreadFailurePolicy.class);

    private final AtomicLong replaced = new AtomicLong();

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        if (isRegistryOutage(exception)) {
            LOG.warn("Schema registry unavailable; replacing the stream thread (replacement {}), its records since the"
                + " last commit will be processed again: {}", replaced.incrementAndGet(), rootMessage(exception));
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        LOG.error("Stream thread failed; stopping this instance", exception);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    /** Threads replaced because of registry outages so far (for metrics and tests). */
    public long replacedThreads() {
        return replaced.get();
    }

    /** True when the cause chain holds a registry error that means "could not answer" rather than a verdict. */
    static boolean isRegistryOutage(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SchemaRegistryException registry) {
                return registry.isUnavailable();
            }
        }
        return false;
    }

    private static String rootMessage(Throwable exception) {
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
