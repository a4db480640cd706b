package io.clvstream.segment;

import io.clvstream.avro.SegmentStats;
import io.clvstream.avro.internal.SegmentAggregate;
import io.clvstream.avro.internal.SegmentPartial;
import io.clvstream.avro.internal.SegmentPartitions;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The latest partial of a segment from each customer partition, and what they add up to. A
 * partition's new partial replaces its old one (its sums are that partition's current totals, not
 * a delta); a partial without a sketch keeps the partition's previous sketch, since sketches are
 * rebuilt less often than sums are published. Pure.
 */
public final class SegmentPartials {

    private SegmentPartials() {
    }

    public static SegmentPartitions replace(SegmentPartitions current, SegmentPartial incoming) {
        final List<SegmentPartial> kept = new ArrayList<>();
        ByteBuffer sketch = incoming.getSketch();
        if (current != null) {
            for (final SegmentPartial partial : current.getPartials()) {
                if (partial.getPartition() != incoming.getPartition()) {
                    kept.add(partial);
                } else if (sketch == null) {
                    sketch = partial.getSketch();
                }
            }
        }
        kept.add(new SegmentPartial(incoming.getPartition(), incoming.getSums(), sketch));
        kept.sort((a, b) -> Integer.compare(a.getPartition(), b.getPartition()));
        return new SegmentPartitions(kept);
    }

    /** The segment's sums over all partitions. */
    public static SegmentAggregate total(SegmentPartitions partitions) {
        SegmentAggregate total = SegmentArithmetic.empty();
        for (final SegmentPartial partial : partitions.getPartials()) {
            total = SegmentArithmetic.plus(total, partial.getSums());
        }
        return total;
    }

    /** The segment's CLV distribution over all partitions; null while no partition has sent a sketch. */
    public static ClvDistribution distribution(SegmentPartitions partitions, int k) {
        final List<byte[]> sketches = new ArrayList<>();
        for (final SegmentPartial partial : partitions.getPartials()) {
            if (partial.getSketch() != null) {
                final byte[] copy = new byte[partial.getSketch().remaining()];
                partial.getSketch().duplicate().get(copy);
                sketches.add(copy);
            }
        }
        return sketches.isEmpty() ? null : ClvDistribution.merge(sketches, k);
    }

    /** The published figures of a segment over all its partitions. */
    public static SegmentStats stats(String segment, SegmentPartitions partitions, SegmentsConfig config) {
        return SegmentFigures.stats(segment, total(partitions), distribution(partitions, config.sketchK()), config.topPercent());
    }
}
