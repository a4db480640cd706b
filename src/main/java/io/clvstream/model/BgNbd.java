package io.clvstream.model;

import java.util.List;
import org.hipparchus.special.Gamma;

/**
 * BG/NBD likelihood and maximum-likelihood fit (Fader, Hardie &amp; Lee 2005, "Counting your customers the easy
 * way", eq. 6; the log form with {@code log(exp(A3) + exp(A4))} is the one of lifetimes' BetaGeoFitter).
 * Scoring (P(alive), expectations) lives in {@link BgNbdScorer}.
 */
public final class BgNbd {

    static final int MAX_EVALUATIONS = 20_000;

    private BgNbd() {
    }

    /**
     * Individual log-likelihood, eq. 6:
     * {@code ln L = A1 + A2 + ln(e^A3 + δ(x>0) e^A4)} with
     * A1 = lnΓ(r+x) − lnΓ(r) + r ln α, A2 = lnΓ(a+b) + lnΓ(b+x) − lnΓ(b) − lnΓ(a+b+x),
     * A3 = −(r+x) ln(α+T), A4 = ln a − ln(b+x−1) − (r+x) ln(α+tx).
     */
    public static double logLikelihood(BgNbdParams p, int x, double tx, double T) {
        double r = p.r();
        double alpha = p.alpha();
        double a = p.a();
        double b = p.b();
        double a1 = Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * Math.log(alpha);
        double a2 = Gamma.logGamma(a + b) + Gamma.logGamma(b + x) - Gamma.logGamma(b) - Gamma.logGamma(a + b + x);
        double a3 = -(r + x) * Math.log(alpha + T);
        if (x == 0) {
            return a1 + a2 + a3;
        }
        double a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
        return a1 + a2 + logAddExp(a3, a4);
    }

    /** Weighted total log-likelihood Σ weight · ln L. */
    public static double logLikelihood(BgNbdParams p, List<RfmRow> rows) {
        return new BgNbdLikelihood(rows).value(p.r(), p.alpha(), p.a(), p.b());
    }

    /** Cold-start fit. */
    public static FitResult<BgNbdParams> fit(List<RfmRow> rows) {
        return fit(rows, null);
    }

    /**
     * Maximum-likelihood fit on log-parameters.
     *
     * @param warmStart previous parameters (same time unit), or {@code null} for a data-driven cold start
     *                  r = 1, α = Σw·T / Σw·x (so that the prior mean rate r/α matches the observed one), a = 1, b = 2
     */
    public static FitResult<BgNbdParams> fit(List<RfmRow> rows, BgNbdParams warmStart) {
        final RfmTotals totals = RfmTotals.of(rows);
        final double customers = totals.customers();
        final double repeat = totals.repeat();
        final double exposure = totals.exposure();
        if (customers < 5) {
            return FitResult.failure("too few customers to fit BG/NBD: " + customers, 0, 0);
        }
        if (repeat <= 0) {
            return FitResult.failure("no repeat purchases: BG/NBD parameters are not identified", 0, 0);
        }
        if (exposure <= 0) {
            return FitResult.failure("zero observation time: BG/NBD parameters are not identified", 0, 0);
        }
        BgNbdLikelihood likelihood = new BgNbdLikelihood(rows);
        double[] start = warmStart != null ? warmStart.toArray() : new double[] {1.0, exposure / repeat, 1.0, 2.0};
        LogScaleMinimizer.Outcome out = LogScaleMinimizer.minimize(
                v -> -likelihood.value(v[0], v[1], v[2], v[3]), start, warmStart != null, MAX_EVALUATIONS);
        if (out.params() == null) {
            return FitResult.failure(out.message(), out.iterations(), out.evaluations());
        }
        return new FitResult<>(BgNbdParams.fromArray(out.params()), -out.objective(), out.converged(),
                out.iterations(), out.evaluations(), out.message());
    }

    static double logAddExp(double u, double v) {
        double max = Math.max(u, v);
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        // log(1 + y) instead of log1p(y): both JIT intrinsics, and for y ≤ 1 the absolute error is below 1e-16
        return max + Math.log(1 + Math.exp(-Math.abs(u - v)));
    }
}
