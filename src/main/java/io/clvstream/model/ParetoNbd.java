package io.clvstream.model;

import java.util.List;
import org.hipparchus.special.Gamma;

/**
 * Pareto/NBD likelihood and fit in the numerically careful form of lifetimes' ParetoNBDFitter (Fader &amp; Hardie,
 * "A note on deriving the Pareto/NBD model and related expressions", 2005, eq. 22–24):
 * <pre>
 *   ln L = lnΓ(r+x) − lnΓ(r) + r ln α + s ln β
 *          + ln( (α+T)^−(r+x) (β+T)^−s  +  s/(r+s+x) · A0 )
 *   A0   = 2F1(r+s+x, t; r+s+x+1; |α−β|/(M+t_x)) / (M+t_x)^(r+s+x) − (same at T)
 * </pre>
 * with M = max(α, β) and t = r+x if α &lt; β else s+1 (the choice keeps the 2F1 argument in [0, 1)).
 * The difference in A0 is taken in log space. Each 2F1 is further rewritten by Euler's transformation as
 * (1−z)^(1−t) · 2F1(1, r+s+x+1−t; r+s+x+1; z), whose terms are positive and bounded by z^n, so no term can
 * overflow for large x.
 */
public final class ParetoNbd {

    private ParetoNbd() {
    }

    /** Individual log-likelihood. */
    public static double logLikelihood(ParetoNbdParams p, int x, double tx, double T) {
        double head = Gamma.logGamma(p.r() + x) - Gamma.logGamma(p.r()) + p.r() * Math.log(p.alpha())
                + p.s() * Math.log(p.beta());
        return head + logBracket(p.r(), p.alpha(), p.s(), p.beta(), x, tx, T);
    }

    /** Weighted total log-likelihood. */
    public static double logLikelihood(ParetoNbdParams p, List<RfmRow> rows) {
        return total(p.r(), p.alpha(), p.s(), p.beta(), rows);
    }

    /** ln((α+T)^−(r+x)(β+T)^−s + s/(r+s+x)·A0): everything but the Γ and α^r β^s prefactor. */
    static double logBracket(double r, double alpha, double s, double beta, int x, double tx, double T) {
        double survived = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
        double died = Math.log(s) + logA0(r, alpha, s, beta, x, tx, T) - Math.log(r + s + x);
        return BgNbd.logAddExp(survived, died);
    }

    static double logA0(double r, double alpha, double s, double beta, int x, double tx, double T) {
        double min;
        double max;
        double t;
        if (alpha < beta) {
            min = alpha;
            max = beta;
            t = r + x;
        } else {
            min = beta;
            max = alpha;
            t = s + 1;
        }
        double rsx = r + s + x;
        double atRecency = logTerm(min, max, t, rsx, tx);
        double atAge = logTerm(min, max, t, rsx, T);
        if (!(atAge < atRecency)) {
            return Double.NEGATIVE_INFINITY;
        }
        return atRecency + Math.log(-Math.expm1(atAge - atRecency));
    }

    /** ln[2F1(rsx, t; rsx+1; z)/(M+τ)^rsx] = (1−t) ln((m+τ)/(M+τ)) − rsx ln(M+τ) + ln 2F1(1, rsx+1−t; rsx+1; z). */
    private static double logTerm(double min, double max, double t, double rsx, double tau) {
        double z = (max - min) / (max + tau);
        double f = Hypergeometric.value(1, rsx + 1 - t, rsx + 1, z);
        return (1 - t) * Math.log((min + tau) / (max + tau)) - rsx * Math.log(max + tau) + Math.log(f);
    }

    private static double total(double r, double alpha, double s, double beta, List<RfmRow> rows) {
        double lgR = Gamma.logGamma(r);
        double constant = r * Math.log(alpha) + s * Math.log(beta) - lgR;
        double sum = 0;
        int cachedX = -1;
        double cachedLg = 0;
        for (RfmRow row : rows) {
            int x = row.x();
            if (x != cachedX) {
                cachedLg = Gamma.logGamma(r + x);
                cachedX = x;
            }
            sum += row.weight() * (cachedLg + constant + logBracket(r, alpha, s, beta, x, row.tx(), row.T()));
        }
        return sum;
    }

    public static FitResult<ParetoNbdParams> fit(List<RfmRow> rows) {
        return fit(rows, null);
    }

    /**
     * Maximum-likelihood fit on log-parameters. Cold start r = 1, α = Σw·T/Σw·x, s = 1, β = Σw·T/Σw (a mean
     * lifetime of the order of the observation window), or {@code warmStart}.
     */
    public static FitResult<ParetoNbdParams> fit(List<RfmRow> rows, ParetoNbdParams warmStart) {
        final RfmTotals totals = RfmTotals.of(rows);
        final double customers = totals.customers();
        final double repeat = totals.repeat();
        final double exposure = totals.exposure();
        if (customers < 5) {
            return FitResult.failure("too few customers to fit Pareto/NBD: " + customers, 0, 0);
        }
        if (repeat <= 0 || exposure <= 0) {
            return FitResult.failure("no repeat purchases or no observation time: Pareto/NBD not identified", 0, 0);
        }
        List<RfmRow> sorted = rows.stream().sorted((u, v) -> Integer.compare(u.x(), v.x())).toList();
        double[] start = warmStart != null
                ? new double[] {warmStart.r(), warmStart.alpha(), warmStart.s(), warmStart.beta()}
                : new double[] {1.0, exposure / repeat, 1.0, exposure / customers};
        LogScaleMinimizer.Outcome out = LogScaleMinimizer.minimize(
                v -> -total(v[0], v[1], v[2], v[3], sorted), start, warmStart != null, BgNbd.MAX_EVALUATIONS);
        if (out.params() == null) {
            return FitResult.failure(out.message(), out.iterations(), out.evaluations());
        }
        double[] v = out.params();
        return new FitResult<>(new ParetoNbdParams(v[0], v[1], v[2], v[3]), -out.objective(), out.converged(),
                out.iterations(), out.evaluations(), out.message());
    }
}
