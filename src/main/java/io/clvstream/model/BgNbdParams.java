package io.clvstream.model;

/**
 * BG/NBD parameters (Fader, Hardie &amp; Lee 2005, "Counting your customers the easy way", Marketing Science 24(2)):
 * purchase rate λ ~ Gamma(shape {@code r}, rate {@code alpha}), dropout probability after each repeat purchase
 * p ~ Beta({@code a}, {@code b}). {@code alpha} carries the time unit (1/time); r, a, b are unit free.
 */
public record BgNbdParams(double r, double alpha, double a, double b) {

    public BgNbdParams {
        if (!positiveFinite(r) || !positiveFinite(alpha) || !positiveFinite(a) || !positiveFinite(b)) {
            throw new IllegalArgumentException("BG/NBD parameters must be finite and > 0: " + r + ", " + alpha
                    + ", " + a + ", " + b);
        }
    }

    static boolean positiveFinite(double v) {
        return v > 0 && v < Double.POSITIVE_INFINITY;
    }

    /** The same model with time measured in units {@code factor} times smaller (weeks → days: factor 7). */
    public BgNbdParams scaleTime(double factor) {
        return new BgNbdParams(r, alpha * factor, a, b);
    }

    double[] toArray() {
        return new double[] {r, alpha, a, b};
    }

    static BgNbdParams fromArray(double[] v) {
        return new BgNbdParams(v[0], v[1], v[2], v[3]);
    }
}
