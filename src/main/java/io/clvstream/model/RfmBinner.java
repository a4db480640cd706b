package io.clvstream.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collapses per-customer (x, t_x, T) into weighted {@link RfmRow}s by rounding t_x and T to a grid of
 * {@code resolution} time units: a million customers become tens of thousands of rows, so a fit costs the same
 * whatever the population size. Rounding by at most half a resolution step changes the likelihood negligibly
 * when the step is small against α (e.g. one day in a weeks model). Not thread safe.
 */
public final class RfmBinner {

    private final double resolution;
    private final Map<Key, double[]> weights = new HashMap<>();

    private record Key(int x, long txSteps, long ageSteps) {
    }

    public RfmBinner(double resolution) {
        if (!(resolution > 0)) {
            throw new IllegalArgumentException("resolution must be > 0");
        }
        this.resolution = resolution;
    }

    public void add(int x, double tx, double T) {
        add(x, tx, T, 1.0);
    }

    public void add(int x, double tx, double T, double weight) {
        long txSteps = x == 0 ? 0 : Math.round(tx / resolution);
        long ageSteps = Math.round(T / resolution);
        weights.computeIfAbsent(new Key(x, txSteps, ageSteps), k -> new double[1])[0] += weight;
    }

    /** Number of distinct bins so far. */
    public int size() {
        return weights.size();
    }

    public List<RfmRow> rows() {
        List<RfmRow> rows = new ArrayList<>(weights.size());
        weights.forEach((k, w) -> rows.add(new RfmRow(k.x(), k.txSteps() * resolution, k.ageSteps() * resolution,
                w[0])));
        return rows;
    }
}
