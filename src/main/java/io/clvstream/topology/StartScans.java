package io.clvstream.topology;

import io.clvstream.segment.SegmentShares;
import org.apache.kafka.streams.processor.TaskId;

/**
 * Hands the segment shares that a starting task's customer processor built, in its one scan of
 * {@code customer-state}, to the same task's segment-partials processor, so a start decodes every customer
 * once instead of twice (the scan is most of a large task's start after its restore).
 *
 * <p>Kafka Streams initializes a task's processors one after the other on the thread that runs the task,
 * upstream first; the customer processor comes first. So the hand-over is per thread and for one task:
 * instances sharing a topology object in one JVM (tests, the bench) cannot see each other's, and a
 * segment-partials processor that finds nothing for its task (another order, a test of it alone) scans
 * the store itself. Whatever is not taken is replaced by the thread's next hand-over.
 */
final class StartScans {

    private record Scan(TaskId task, SegmentShares shares) {
    }

    private final ThreadLocal<Scan> pending = new ThreadLocal<>();

    void handOver(TaskId task, SegmentShares shares) {
        pending.set(new Scan(task, shares));
    }

    /** The shares handed over for {@code task} on this thread, once; null if there are none. */
    SegmentShares take(TaskId task) {
        final Scan scan = pending.get();
        pending.remove();
        return scan != null && scan.task().equals(task) ? scan.shares() : null;
    }
}
