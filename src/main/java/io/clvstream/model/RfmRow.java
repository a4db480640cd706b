package io.clvstream.model;

/**
 * One row of the compact fitting input of the BTYD transaction models: {@code weight} customers sharing
 * frequency {@code x} (repeat purchases), recency {@code tx} and age {@code T}, both in model time units
 * (DESIGN.md "predictive CLV"). A weight lets a stream send binned counts instead of one row per customer.
 */
public record RfmRow(int x, double tx, double T, double weight) {

    public RfmRow {
        if (x < 0 || !(tx >= 0) || !(T >= tx) || !(weight >= 0) || Double.isInfinite(T) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("invalid RFM row x=" + x + " tx=" + tx + " T=" + T + " w=" + weight);
        }
        if (x == 0 && tx != 0) {
            throw new IllegalArgumentException("x = 0 requires tx = 0, got " + tx);
        }
    }

    /** A single customer. */
    public static RfmRow of(int x, double tx, double T) {
        return new RfmRow(x, tx, T, 1.0);
    }

    /** The same row with time multiplied by {@code factor} (e.g. 7 to go from weeks to days). */
    public RfmRow scaleTime(double factor) {
        return new RfmRow(x, tx * factor, T * factor, weight);
    }
}
