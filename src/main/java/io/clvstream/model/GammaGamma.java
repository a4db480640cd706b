package io.clvstream.model;

import java.util.List;
import org.hipparchus.special.Gamma;

/**
 * Gamma-Gamma spend model likelihood and fit (Fader, Hardie &amp; Lee 2005, "RFM and CLV", appendix; the same
 * log form as lifetimes' GammaGammaFitter). The density of the mean m̄ of x transactions is
 * <pre>
 *   ln f(m̄ | p, q, v, x) = lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln v + (px−1) ln m̄ + px ln x − (px+q) ln(x m̄ + v)
 * </pre>
 * Only customers with x ≥ 1 carry information ({@link SpendRow} enforces it).
 */
public final class GammaGamma {

    private GammaGamma() {
    }

    /** Individual log-likelihood of a mean repeat value {@code meanValue} over {@code x ≥ 1} purchases. */
    public static double logLikelihood(GammaGammaParams params, int x, double meanValue) {
        return logLikelihood(params.p(), params.q(), params.v(), x, meanValue);
    }

    /** Weighted total log-likelihood. */
    public static double logLikelihood(GammaGammaParams params, List<SpendRow> rows) {
        return total(params.p(), params.q(), params.v(), rows);
    }

    private static double logLikelihood(double p, double q, double v, int x, double m) {
        double px = p * x;
        return Gamma.logGamma(px + q) - Gamma.logGamma(px) - Gamma.logGamma(q) + q * Math.log(v)
                + (px - 1) * Math.log(m) + px * Math.log(x) - (px + q) * Math.log(x * m + v);
    }

    /**
     * The Γ terms depend on a row only through x, so they are computed once per distinct x (x is small), leaving
     * two logarithms per row.
     */
    private static double total(double p, double q, double v, List<SpendRow> rows) {
        int maxX = 0;
        for (SpendRow row : rows) {
            maxX = Math.max(maxX, row.x());
        }
        double[] perX = new double[maxX + 1];
        boolean[] known = new boolean[maxX + 1];
        double constant = -Gamma.logGamma(q) + q * Math.log(v);
        double sum = 0;
        for (SpendRow row : rows) {
            int x = row.x();
            double px = p * x;
            if (!known[x]) {
                perX[x] = Gamma.logGamma(px + q) - Gamma.logGamma(px) + px * Math.log(x);
                known[x] = true;
            }
            double m = row.meanValue();
            sum += row.weight() * (perX[x] + constant + (px - 1) * Math.log(m) - (px + q) * Math.log(x * m + v));
        }
        return sum;
    }

    public static FitResult<GammaGammaParams> fit(List<SpendRow> rows) {
        return fit(rows, null);
    }

    /**
     * Maximum-likelihood fit on log-parameters. Cold start p = 1, q = 2 and v = mean m̄ (so the prior mean p·v/(q−1)
     * equals the observed mean), or {@code warmStart}.
     */
    public static FitResult<GammaGammaParams> fit(List<SpendRow> rows, GammaGammaParams warmStart) {
        double customers = 0;
        double spend = 0;
        double distinct = Double.NaN;
        boolean varies = false;
        for (SpendRow row : rows) {
            if (row.weight() <= 0) {
                continue;
            }
            customers += row.weight();
            spend += row.weight() * row.meanValue();
            if (Double.isNaN(distinct)) {
                distinct = row.meanValue();
            } else if (row.meanValue() != distinct) {
                varies = true;
            }
        }
        if (customers < 5) {
            return FitResult.failure("too few customers with repeat purchases to fit Gamma-Gamma: " + customers, 0, 0);
        }
        if (!varies) {
            return FitResult.failure("all mean spends are equal: Gamma-Gamma parameters are not identified", 0, 0);
        }
        double[] start = warmStart != null
                ? new double[] {warmStart.p(), warmStart.q(), warmStart.v()}
                : new double[] {1.0, 2.0, spend / customers};
        LogScaleMinimizer.Outcome out = LogScaleMinimizer.minimize(v -> -total(v[0], v[1], v[2], rows), start,
                warmStart != null, BgNbd.MAX_EVALUATIONS);
        if (out.params() == null) {
            return FitResult.failure(out.message(), out.iterations(), out.evaluations());
        }
        double[] v = out.params();
        if (!(v[1] > 1)) {
            return FitResult.failure("fitted q = " + v[1] + " ≤ 1: mean spend not finite", out.iterations(),
                    out.evaluations());
        }
        return new FitResult<>(new GammaGammaParams(v[0], v[1], v[2]), -out.objective(), out.converged(),
                out.iterations(), out.evaluations(), out.message());
    }
}
