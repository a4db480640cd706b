package io.clvstream.segment;

import java.util.Collection;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * A population's CLV distribution in an Apache DataSketches KLL sketch. KLL merges (one sketch per
 * partition becomes one per segment) but cannot delete, so a sketch is only ever built from the
 * current values of a set of customers and replaced, never updated in place. Its rank error
 * ({@link #rankError}) holds for merged sketches too: about 1.3% at k = 200 with 99% confidence,
 * i.e. the reported p90 is a value whose true rank lies within [0.887, 0.913].
 */
public final class ClvDistribution {

    private final KllDoublesSketch sketch;

    private ClvDistribution(KllDoublesSketch sketch) {
        this.sketch = sketch;
    }

    /** An empty distribution to add values to with {@link #add}. */
    public static ClvDistribution empty(int k) {
        return new ClvDistribution(KllDoublesSketch.newHeapInstance(k));
    }

    /** The union of serialized sketches (as from {@link #toBytes}). */
    public static ClvDistribution merge(Collection<byte[]> sketches, int k) {
        final KllDoublesSketch union = KllDoublesSketch.newHeapInstance(k);
        for (final byte[] bytes : sketches) {
            union.merge(KllDoublesSketch.heapify(Memory.wrap(bytes)));
        }
        return new ClvDistribution(union);
    }

    /** Single-sided normalized rank error of a sketch with accuracy {@code k}. */
    public static double rankError(int k) {
        return KllDoublesSketch.getNormalizedRankError(k, false);
    }

    public ClvDistribution add(double clv) {
        if (Double.isFinite(clv)) {
            sketch.update(clv);
        }
        return this;
    }

    public long count() {
        return sketch.getN();
    }

    public byte[] toBytes() {
        return sketch.toByteArray();
    }

    /** p50/p90/p99, or null for an empty distribution. */
    public ClvQuantiles quantiles() {
        if (sketch.isEmpty()) {
            return null;
        }
        return new ClvQuantiles(quantile(0.5), quantile(0.9), quantile(0.99));
    }

    public double quantile(double rank) {
        return sketch.getQuantile(rank, QuantileSearchCriteria.INCLUSIVE);
    }
}
