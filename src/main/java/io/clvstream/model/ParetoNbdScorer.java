package io.clvstream.model;

/**
 * Per-customer Pareto/NBD scoring for one parameter version (Schmittlein, Morrison &amp; Colombo 1987; expressions
 * as in Fader &amp; Hardie's 2005 note and lifetimes' ParetoNBDFitter):
 * <ul>
 *   <li>P(alive) = 1 / (1 + s/(r+s+x) · A0 · (α+T)^(r+x) (β+T)^s)</li>
 *   <li>E[Y(t) | x, t_x, T] = P(alive) · (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)]</li>
 *   <li>E[X(t)] = rβ / (α(s−1)) · [1 − (β/(β+t))^(s−1)]</li>
 * </ul>
 * The factor [1 − u^(s−1)]/(s−1) is computed as −expm1((s−1) ln u)/(s−1), which tends to −ln u at s = 1 instead of
 * 0/0. Immutable and thread safe; no allocation.
 */
public final class ParetoNbdScorer implements TransactionModel {

    private final ParetoNbdParams params;
    private final double r;
    private final double alpha;
    private final double s;
    private final double beta;

    public ParetoNbdScorer(ParetoNbdParams params) {
        this.params = params;
        this.r = params.r();
        this.alpha = params.alpha();
        this.s = params.s();
        this.beta = params.beta();
    }

    public ParetoNbdParams params() {
        return params;
    }

    @Override
    public double pAlive(int x, double tx, double T) {
        double logA0 = ParetoNbd.logA0(r, alpha, s, beta, x, tx, T);
        double logOdds = Math.log(s) - Math.log(r + s + x) + (r + x) * Math.log(alpha + T) + s * Math.log(beta + T)
                + logA0;
        return 1.0 / (1.0 + Math.exp(logOdds));
    }

    @Override
    public double expectedPurchases(double t, int x, double tx, double T) {
        if (!(t > 0)) {
            return 0.0;
        }
        return pAlive(x, tx, T) * (r + x) / (alpha + T) * (beta + T) * dropoutFactor(-Math.log1p(t / (beta + T)));
    }

    @Override
    public double expectedPurchases(double t) {
        if (!(t > 0)) {
            return 0.0;
        }
        return r / alpha * beta * dropoutFactor(-Math.log1p(t / beta));
    }

    /** [1 − e^((s−1)L)]/(s−1) for L = ln u ≤ 0. */
    private double dropoutFactor(double logU) {
        double sm1 = s - 1;
        if (sm1 == 0) {
            return -logU;
        }
        return -Math.expm1(sm1 * logU) / sm1;
    }

    /**
     * P(alive) is decreasing in T for fixed x, t_x and equals 1 at T = t_x; the crossing is bracketed by doubling
     * and then bisected to 1e-10 relative. Not in the per-event scoring path (used when a due time is re-indexed).
     */
    @Override
    public double timeWhenPAliveBelow(double threshold, int x, double tx) {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1), got " + threshold);
        }
        double lo = tx;
        double width = Math.max(1.0, tx);
        double hi = tx + width;
        while (pAlive(x, tx, hi) >= threshold) {
            lo = hi;
            width *= 2;
            hi = tx + width;
            if (width > 1e12) {
                return Double.POSITIVE_INFINITY;
            }
        }
        while (hi - lo > 1e-10 * hi) {
            double mid = 0.5 * (lo + hi);
            if (pAlive(x, tx, mid) < threshold) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    @Override
    public double medianTimeToNextPurchase(int x, double tx, double T) {
        return (alpha + T) * Math.expm1(Math.log(2) / (r + x));
    }
}
