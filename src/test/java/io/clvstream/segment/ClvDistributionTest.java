package io.clvstream.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.clvstream.avro.internal.SegmentAggregate;
import io.clvstream.avro.internal.SegmentPartial;
import io.clvstream.avro.internal.SegmentPartitions;
import java.util.Map;
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
        SegmentPartitions book = null;
        for (int p = 0; p < 3; p++) {
            final ClvDistribution sketch = ClvDistribution.empty(K);
            for (int i = 0; i < perPartition; i++) {
                // Lognormal CLVs, each partition shifted so that merging matters.
                final double clv = Math.exp(5 + p * 0.5 + random.nextGaussian());
                all[p * perPartition + i] = clv;
                sketch.add(clv);
            }
            book = SegmentPartials.replace(book, partial(p, sketch));
        }
        Arrays.sort(all);
        final ClvQuantiles q = SegmentPartials.distribution(book, K).quantiles();
        final double epsilon = ClvDistribution.rankError(K);
        assertThat(epsilon).isLessThan(0.014);
        assertThat(rank(all, q.p50())).isBetween(0.5 - epsilon, 0.5 + epsilon);
        assertThat(rank(all, q.p90())).isBetween(0.9 - epsilon, 0.9 + epsilon);
        assertThat(rank(all, q.p99())).isBetween(0.99 - epsilon, 0.99 + epsilon);

        assertThat(SegmentPartials.distribution(book, K).count()).isEqualTo(all.length);
        // The top 10% starts at the 90th percentile: what the HIGH_VALUE alert compares with.
        final Double top10 = SegmentPartials.stats("*", book, SegmentsConfig.from(Map.of(
            "clv.alert.high-value.top-percent", "10"))).getTopPercentThreshold();
        assertThat(rank(all, top10)).isBetween(0.9 - epsilon, 0.9 + epsilon);
    }

    @Test
    void aPartitionsNewSketchReplacesItsOldOneAndSumsOnlyPartialsKeepTheirSketch() {
        final SegmentPartitions first = SegmentPartials.replace(null, partial(0, ClvDistribution.empty(K).add(100)));
        final SegmentPartitions second = SegmentPartials.replace(first, partial(1, ClvDistribution.empty(K).add(300)));
        assertThat(SegmentPartials.distribution(second, K).quantiles().p99()).isEqualTo(300);
        final SegmentPartitions replaced = SegmentPartials.replace(second, partial(1, ClvDistribution.empty(K).add(200)));
        assertThat(SegmentPartials.distribution(replaced, K).quantiles().p99()).isEqualTo(200);
        assertThat(SegmentPartials.distribution(replaced, K).count()).isEqualTo(2);
        // Partition 1 sends new sums without a sketch: its sums are replaced, its sketch kept.
        final SegmentAggregate sums = SegmentAggregate.newBuilder().setCustomers(7).build();
        final SegmentPartitions sumsOnly = SegmentPartials.replace(replaced, new SegmentPartial(1, sums, null));
        assertThat(SegmentPartials.distribution(sumsOnly, K).quantiles().p99()).isEqualTo(200);
        assertThat(SegmentPartials.total(sumsOnly).getCustomers()).isEqualTo(7);
        assertThat(SegmentPartials.distribution(SegmentPartials.replace(null, new SegmentPartial(0, sums, null)), K)).isNull();
    }

    @Test
    void emptyDistributionHasNoQuantilesAndNobodyOnTop() {
        final ClvDistribution empty = ClvDistribution.empty(K);
        assertThat(empty.quantiles()).isNull();
        final SegmentPartitions emptied = SegmentPartials.replace(null, partial(0, empty));
        assertThat(SegmentPartials.stats("x", emptied, SegmentsConfig.from(Map.of("clv.alert.high-value.top-percent", "1")))
            .getTopPercentThreshold()).isNull();
    }

    static SegmentPartial partial(int partition, ClvDistribution sketch) {
        return new SegmentPartial(partition, SegmentAggregate.newBuilder().build(), ByteBuffer.wrap(sketch.toBytes()));
    }
}
