package io.clvstream.segment;

import io.clvstream.avro.internal.PartitionSketch;
import io.clvstream.avro.internal.SegmentSketches;
import java.util.ArrayList;
import java.util.List;

/**
 * The latest CLV sketch of a segment from each partition of the members table. A partition's new
 * snapshot replaces its old one (KLL cannot delete, so it is never updated in place); a partition
 * that has not reported for {@code maxAgeMs} before the newest snapshot is dropped, so a segment
 * that lost all its members on a partition (or a partition that went away) stops counting there
 * even if its last, empty snapshot was never sent. Pure.
 */
public final class SketchBook {

    private SketchBook() {
    }

    public static SegmentSketches replace(SegmentSketches current, PartitionSketch incoming, long maxAgeMs) {
        final List<PartitionSketch> kept = new ArrayList<>();
        final long oldest = incoming.getTakenAt() - maxAgeMs;
        if (current != null) {
            for (final PartitionSketch sketch : current.getPartitions()) {
                if (sketch.getPartition() != incoming.getPartition() && sketch.getTakenAt() >= oldest) {
                    kept.add(sketch);
                }
            }
        }
        kept.add(incoming);
        kept.sort((a, b) -> Integer.compare(a.getPartition(), b.getPartition()));
        return new SegmentSketches(kept);
    }

    /** The segment's distribution over all partitions. */
    public static ClvDistribution distribution(SegmentSketches sketches, int k) {
        final List<byte[]> bytes = new ArrayList<>();
        if (sketches != null) {
            for (final PartitionSketch sketch : sketches.getPartitions()) {
                final byte[] copy = new byte[sketch.getSketch().remaining()];
                sketch.getSketch().duplicate().get(copy);
                bytes.add(copy);
            }
        }
        return ClvDistribution.merge(bytes, k);
    }

    /** p50/p90/p99 over all partitions, null when no partition has a CLV for the segment. */
    public static ClvQuantiles quantiles(SegmentSketches sketches, int k) {
        return sketches == null ? null : distribution(sketches, k).quantiles();
    }
}
