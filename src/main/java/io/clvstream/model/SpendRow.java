package io.clvstream.model;

/**
 * One row of the Gamma-Gamma fitting input: {@code weight} customers with {@code x ≥ 1} repeat purchases whose
 * mean repeat-purchase value is {@code meanValue} (Fader, Hardie &amp; Lee 2005, "RFM and CLV", §3).
 */
public record SpendRow(int x, double meanValue, double weight) {

    public SpendRow {
        if (x < 1 || !(meanValue > 0) || !(weight >= 0) || Double.isInfinite(meanValue) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("invalid spend row x=" + x + " m=" + meanValue + " w=" + weight);
        }
    }

    public static SpendRow of(int x, double meanValue) {
        return new SpendRow(x, meanValue, 1.0);
    }
}
