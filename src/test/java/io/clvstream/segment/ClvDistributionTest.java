package io.clvstream.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clvstream.avro.internal.PartitionSketch;
import io.clvstream.avro.internal.SegmentSketches;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClvDistributionTest {

    static final int K = 200;

    /** Share of {@code sorted} at or below {@code value}: the true rank of a reported quantile. */
    static double rank(double[] sorted, double value) {
        int at = Arrays.binarySearch(sorted, value);
        if (at < 0) {
            at = -at - 2;
        }
        while (at + 1 < sorted.length && sorted[at + 1] == value) {
            at++;
        }
        return (at + 1) / (double) sorted.length;
    }

    @Test
    void mergedPartitionSketchesReportQuantilesWithinTheRankError() {
        final Random random = new Random(42);
        final int perPartition = 30_000;
        final double[] all = new double[3 * perPartition];
        SegmentSketches book = null;
        for (int p = 0; p < 3; p++) {
            final ClvDistribution sketch = ClvDistribution.empty(K);
            for (int i = 0; i < perPartition; i++) {
                // Lognormal CLVs, each partition shifted so that merging matters.
                final double clv = Math.exp(5 + p * 0.5 + random.nextGaussian());
                all[p * perPartition + i] = clv;
                sketch.add(clv);
            }
            book = SketchBook.replace(book, new PartitionSketch(p, 1_000L, ByteBuffer.wrap(sketch.toBytes())), 10_000L);
        }
        Arrays.sort(all);
        final ClvQuantiles q = SketchBook.quantiles(book, K);
        final double epsilon = ClvDistribution.rankError(K);
        assertThat(epsilon).isLessThan(0.014);
        assertThat(rank(all, q.p50())).isBetween(0.5 - epsilon, 0.5 + epsilon);
        assertThat(rank(all, q.p90())).isBetween(0.9 - epsilon, 0.9 + epsilon);
        assertThat(rank(all, q.p99())).isBetween(0.99 - epsilon, 0.99 + epsilon);

        final ClvDistribution merged = SketchBook.distribution(book, K);
        assertThat(merged.count()).isEqualTo(all.length);
        final double top10 = all[(int) (all.length * 0.95)];
        final double bottom = all[(int) (all.length * 0.5)];
        assertThat(merged.isInTopPercent(top10, 10)).isTrue();
        assertThat(merged.isInTopPercent(bottom, 10)).isFalse();
        assertThat(merged.isInTopPercent(bottom, 100)).isTrue();
    }

    @Test
    void aPartitionsNewSketchReplacesItsOldOneAndSilentPartitionsAgeOut() {
        final SegmentSketches first = SketchBook.replace(null, sketch(0, 1_000, 100), 3_000);
        final SegmentSketches second = SketchBook.replace(first, sketch(1, 2_000, 300), 3_000);
        assertThat(SketchBook.quantiles(second, K).p99()).isEqualTo(300);
        final SegmentSketches replaced = SketchBook.replace(second, sketch(1, 3_000, 200), 3_000);
        assertThat(SketchBook.quantiles(replaced, K).p99()).isEqualTo(200);
        assertThat(SketchBook.distribution(replaced, K).count()).isEqualTo(2);
        // Partition 0 last reported at 1,000: more than 3,000 before 5,000, so it no longer counts.
        final SegmentSketches aged = SketchBook.replace(replaced, sketch(1, 5_000, 50), 3_000);
        assertThat(aged.getPartitions()).hasSize(1);
        assertThat(SketchBook.quantiles(aged, K).p50()).isEqualTo(50);
    }

    @Test
    void emptyDistributionHasNoQuantilesAndNobodyOnTop() {
        final ClvDistribution empty = ClvDistribution.empty(K);
        assertThat(empty.quantiles()).isNull();
        assertThat(empty.isInTopPercent(1e9, 1)).isFalse();
        assertThatThrownBy(() -> empty.isInTopPercent(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(SketchBook.quantiles(null, K)).isNull();
    }

    static PartitionSketch sketch(int partition, long takenAt, double value) {
        return new PartitionSketch(partition, takenAt, ByteBuffer.wrap(ClvDistribution.empty(K).add(value).toBytes()));
    }
}
