package io.clvstream.model;

import org.hipparchus.special.Gamma;

/**
 * Gauss hypergeometric function {@code 2F1(a, b; c; z)} for real arguments and {@code z < 1}, written by hand
 * because Hipparchus has none. It is needed by the BG/NBD conditional expectation (Fader, Hardie &amp; Lee 2005,
 * "Counting your customers the easy way", eq. 10) and the Pareto/NBD likelihood (Fader &amp; Hardie 2005 note,
 * the same {@code A0} term lifetimes computes with scipy's {@code hyp2f1}).
 *
 * <p>Method (Abramowitz &amp; Stegun 15.1.1, 15.3.5, 15.3.6):
 * <ul>
 *   <li>{@code 0 ≤ z ≤ 0.9}: the defining series, summed until the remaining tail, bounded by
 *       {@code |term|·ρ/(1−ρ)} with ρ the current term ratio, is below 1e-16 of the sum.</li>
 *   <li>{@code z < 0}: Pfaff's transformation {@code (1−z)^(−a) 2F1(a, c−b; c; z/(z−1))} maps to (0, 1).</li>
 *   <li>{@code 0.9 < z < 1}: the series needs thousands of terms or diverges in floating point, so the
 *       connection formula 15.3.6 in {@code 1−z} is used, its gamma ratios evaluated as signed log-gammas.
 *       When {@code c−a−b} is within 1e-4 of an integer that formula has cancelling poles; there the series
 *       is still used up to z = 0.995 (at most ~8,000 terms), and beyond it the value is interpolated by a cubic
 *       through {@code c−a−b = k ± 1e-4, k ± 2e-4} (interpolation error O(1e-16); the cancelling
 *       terms limit it to about 1e-9 relative), which keeps e.g. {@code 2F1(1,1;2;z) = −ln(1−z)/z} right at z = 0.999999.</li>
 * </ul>
 * Polynomial cases ({@code a} or {@code b} a non-positive integer) are summed exactly. Parameters up to a few
 * thousand are fine; beyond that the 1−z series may overflow (not reached by the BTYD models for realistic
 * purchase counts, because callers pass Euler-transformed parameters that do not grow with the count).
 * The function does not allocate.
 */
public final class Hypergeometric {

    private static final double DIRECT_LIMIT = 0.9;
    private static final double TOLERANCE = 1e-16;
    private static final int MAX_TERMS = 200_000;
    private static final double INTEGER_BAND = 1e-4;
    private static final double SLOW_SERIES_LIMIT = 0.995;

    private Hypergeometric() {
    }

    /** {@code 2F1(a, b; c; z)} for {@code z < 1}; {@code c} must not be a non-positive integer. */
    public static double value(double a, double b, double c, double z) {
        if (isNonPositiveInteger(c)) {
            throw new IllegalArgumentException("2F1 undefined for c = " + c);
        }
        if (!(z < 1)) {
            throw new IllegalArgumentException("2F1 implemented for z < 1 only, got z = " + z);
        }
        if (z == 0 || a == 0 || b == 0) {
            return 1.0;
        }
        if (isNonPositiveInteger(a) || isNonPositiveInteger(b)) {
            return series(a, b, c, z);
        }
        if (z < 0) {
            double w = z / (z - 1);
            return Math.pow(1 - z, -a) * value(a, c - b, c, w);
        }
        if (z <= DIRECT_LIMIT) {
            return series(a, b, c, z);
        }
        double m = c - a - b;
        double offset = m - Math.rint(m);
        if (Math.abs(offset) >= INTEGER_BAND) {
            return connection(a, b, c, z);
        }
        if (z <= SLOW_SERIES_LIMIT) {
            return series(a, b, c, z);
        }
        // Shift c so that c−a−b sits at k ± band, k ± 2·band and interpolate with a cubic at the true offset.
        double base = c - offset;
        double h = INTEGER_BAND;
        double fm2 = connection(a, b, base - 2 * h, z);
        double fm1 = connection(a, b, base - h, z);
        double fp1 = connection(a, b, base + h, z);
        double fp2 = connection(a, b, base + 2 * h, z);
        double u = offset / h;
        return fm2 * (u + 1) * (u - 1) * (u - 2) / -12
                + fm1 * (u + 2) * (u - 1) * (u - 2) / 6
                + fp1 * (u + 2) * (u + 1) * (u - 2) / -6
                + fp2 * (u + 2) * (u + 1) * (u - 1) / 12;
    }

    /** The defining power series, with a tail bound as stopping rule. */
    static double series(double a, double b, double c, double z) {
        double term = 1.0;
        double sum = 1.0;
        for (int n = 0; n < MAX_TERMS; n++) {
            double ratio = (a + n) * (b + n) / ((c + n) * (n + 1.0)) * z;
            term *= ratio;
            sum += term;
            if (term == 0) {
                return sum;
            }
            double rho = Math.max(Math.abs(ratio), Math.abs(z));
            if (rho < 1 && Math.abs(term) * rho / (1 - rho) <= TOLERANCE * Math.abs(sum)) {
                return sum;
            }
        }
        throw new ArithmeticException("2F1 series did not converge: a=" + a + " b=" + b + " c=" + c + " z=" + z);
    }

    /** A&amp;S 15.3.6; requires c−a−b not an integer. */
    private static double connection(double a, double b, double c, double z) {
        double m = c - a - b;
        double w = 1 - z;
        double first = 0;
        int s1 = signGamma(c) * signGamma(m) * reciprocalSignGamma(c - a) * reciprocalSignGamma(c - b);
        if (s1 != 0) {
            double log1 = logAbsGamma(c) + logAbsGamma(m) - logAbsGamma(c - a) - logAbsGamma(c - b);
            first = s1 * Math.exp(log1) * series(a, b, 1 - m, w);
        }
        double second = 0;
        int s2 = signGamma(c) * signGamma(-m) * reciprocalSignGamma(a) * reciprocalSignGamma(b);
        if (s2 != 0) {
            double log2 = logAbsGamma(c) + logAbsGamma(-m) - logAbsGamma(a) - logAbsGamma(b) + m * Math.log(w);
            second = s2 * Math.exp(log2) * series(c - a, c - b, m + 1, w);
        }
        return first + second;
    }

    static boolean isNonPositiveInteger(double v) {
        return v <= 0 && v == Math.rint(v);
    }

    /** log|Γ(x)| for any x that is not a pole, via reflection for x &lt; 0. */
    static double logAbsGamma(double x) {
        if (x > 0) {
            return Gamma.logGamma(x);
        }
        return Math.log(Math.PI) - Math.log(Math.abs(sinPi(x))) - Gamma.logGamma(1 - x);
    }

    /** Sign of Γ(x) (x not a pole). */
    static int signGamma(double x) {
        if (x > 0) {
            return 1;
        }
        return sinPi(x) > 0 ? 1 : -1;
    }

    /** Sign of 1/Γ(x): 0 at the poles, where the reciprocal vanishes. */
    private static int reciprocalSignGamma(double x) {
        return isNonPositiveInteger(x) ? 0 : signGamma(x);
    }

    private static double sinPi(double x) {
        double r = x - 2 * Math.floor(x / 2);
        return Math.sin(Math.PI * r);
    }
}
