package io.clvstream.model;

/**
 * Gamma-Gamma spend parameters (Fader, Hardie &amp; Lee 2005, "RFM and CLV: Using iso-value curves for customer
 * base analysis", JMR 42(4)): each transaction value z ~ Gamma(shape {@code p}, rate ν), ν ~ Gamma(shape
 * {@code q}, rate {@code v}). {@code q > 1} is required because the population mean spend p·v/(q−1) must be
 * finite for the predictive CLV; a fit with q ≤ 1 is reported as failed.
 */
public record GammaGammaParams(double p, double q, double v) {

    public GammaGammaParams {
        if (!BgNbdParams.positiveFinite(p) || !BgNbdParams.positiveFinite(q) || !BgNbdParams.positiveFinite(v)) {
            throw new IllegalArgumentException("Gamma-Gamma parameters must be finite and > 0: " + p + ", " + q
                    + ", " + v);
        }
        if (!(q > 1)) {
            throw new IllegalArgumentException("Gamma-Gamma q must be > 1 for a finite mean spend, got " + q);
        }
    }

    /** Population mean of the expected transaction value, E[M] = p·v/(q−1). */
    public double populationMean() {
        return p * v / (q - 1);
    }

    /**
     * Conditional expected average transaction value given x repeat purchases with mean value m̄ (eq. 5 of the
     * paper): (p·(v + x·m̄)) / (p·x + q − 1), a credibility blend of the population mean and m̄ with weight
     * p·x/(p·x + q − 1). For x = 0 it is the population mean.
     */
    public double expectedAverageValue(int x, double meanValue) {
        if (x <= 0) {
            return populationMean();
        }
        return p * (v + x * meanValue) / (p * x + q - 1);
    }
}
