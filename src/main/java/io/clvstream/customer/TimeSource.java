package io.clvstream.customer;

/** Which clock drives time-based re-evaluation (tiers falling out of the window, grace expiry). */
public enum TimeSource {
    /** Wall-clock time: production, where nothing else moves time for an idle customer base. */
    WALL_CLOCK,
    /** Stream time (largest event time seen by the task): replays and backtests, reproducible. */
    STREAM_TIME
}
