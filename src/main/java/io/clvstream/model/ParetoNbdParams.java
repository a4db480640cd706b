package io.clvstream.model;

/**
 * Pareto/NBD parameters (Schmittlein, Morrison &amp; Colombo 1987, "Counting your customers", Management Science
 * 33(1)): purchase rate λ ~ Gamma(shape {@code r}, rate {@code alpha}), dropout rate μ ~ Gamma(shape {@code s},
 * rate {@code beta}). {@code alpha} and {@code beta} carry the time unit.
 */
public record ParetoNbdParams(double r, double alpha, double s, double beta) {

    public ParetoNbdParams {
        if (!BgNbdParams.positiveFinite(r) || !BgNbdParams.positiveFinite(alpha) || !BgNbdParams.positiveFinite(s)
                || !BgNbdParams.positiveFinite(beta)) {
            throw new IllegalArgumentException("Pareto/NBD parameters must be finite and > 0: " + r + ", " + alpha
                    + ", " + s + ", " + beta);
        }
    }

    /** The same model with time measured in units {@code factor} times smaller. */
    public ParetoNbdParams scaleTime(double factor) {
        return new ParetoNbdParams(r, alpha * factor, s, beta * factor);
    }
}
