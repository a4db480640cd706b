package io.clvstream.topology;

/**
 * What the topology tells the outside world about its work, for metrics. Kept free of any metrics
 * library so the topology stays a pure function of configuration and serdes; {@link #NONE} by default.
 *
 * <p>Called on stream threads, once per processed record: implementations must be thread-safe and
 * cheap (no I/O, no locks held across calls).
 */
public interface ProcessingListener {

    /** Does nothing; the default of {@link ClvTopology#build(java.util.Map, io.clvstream.serde.ClvSerdes)}. */
    ProcessingListener NONE = new ProcessingListener() {
    };

    /**
     * An event ({@code PURCHASE}, {@code REFUND} or {@code SIGNUP}) was applied to its customer,
     * duplicates included, at {@code processedAtMs} (wall clock), having occurred at {@code eventTimeMs}.
     */
    default void eventProcessed(String type, long eventTimeMs, long processedAtMs) {
    }

    /** A tier change was emitted; {@code direction} is {@code UP} or {@code DOWN}. */
    default void tierChanged(String direction) {
    }

    /** An alert was emitted; {@code type} is {@code HIGH_VALUE} or {@code AT_RISK}. */
    default void alertEmitted(String type) {
    }

    /** A model fit finished and was published as {@code version}, having taken {@code fitSeconds}. */
    default void modelFitted(long version, double fitSeconds) {
    }
}
