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
 * The function does not allocate; {@link Prepared#values} reuses one small per-thread workspace.
 */
public final class Hypergeometric {

    private static final double DIRECT_LIMIT = 0.9;
    private static final double TOLERANCE = 1e-16;
    private static final int MAX_TERMS = 200_000;
    private static final double INTEGER_BAND = 1e-4;
    private static final double SLOW_SERIES_LIMIT = 0.995;
    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private Hypergeometric() {
    }

    /** {@code 2F1(a, b; c; z)} for {@code z < 1}; {@code c} must not be a non-positive integer. */
    public static double value(double a, double b, double c, double z) {
        return value(a, b, c, z, null);
    }

    /**
     * {@code 2F1(a, b; c; ·)} for one (a, b, c) at many z, e.g. one customer's expected purchases month by month:
     * the gamma-function coefficients of the {@code 1−z} connection formula, eight log-gammas and three
     * exponentials, are computed once instead of at every z. The values are exactly those of
     * {@link Hypergeometric#value(double, double, double, double)}. Immutable.
     */
    public static final class Prepared {
        private final double a;
        private final double b;
        private final double c;
        private final double first;
        private final int secondSign;
        private final double secondLog;
        /** Neither a polynomial nor trivially 1: {@link #values} may share the defining series between its z. */
        private final boolean sharedSeries;

        public Prepared(double a, double b, double c) {
            if (isNonPositiveInteger(c)) {
                throw new IllegalArgumentException("2F1 undefined for c = " + c);
            }
            this.a = a;
            this.b = b;
            this.c = c;
            double offset = c - a - b - Math.rint(c - a - b);
            boolean connects = Math.abs(offset) >= INTEGER_BAND && !isNonPositiveInteger(a) && !isNonPositiveInteger(b);
            this.first = connects ? firstCoefficient(a, b, c) : 0;
            this.secondSign = connects ? secondSign(a, b, c) : 0;
            this.secondLog = connects ? secondLogCoefficient(a, b, c) : 0;
            this.sharedSeries = !isNonPositiveInteger(a) && !isNonPositiveInteger(b) && a != 0 && b != 0;
        }

        public double value(double z) {
            return Hypergeometric.value(a, b, c, z, this);
        }

        /**
         * {@code 2F1(a, b; c; z[i])} into {@code into[i]} for {@code i < count}; {@code into} may be {@code z}.
         * The z that the defining series serves share one pass over its coefficients, so each term costs them
         * a multiplication instead of a division (the CLV's twelve monthly z of one customer); every other z
         * goes through {@link #value}. Each value meets the series' own stopping rule, so it agrees with
         * {@link #value} to rounding.
         */
        public void values(double[] z, int count, double[] into) {
            final Workspace work = WORKSPACE.get().fit(count);
            int shared = 0;
            for (int i = 0; i < count; i++) {
                final double zi = z[i];
                if (sharedSeries && zi > 0 && zi <= DIRECT_LIMIT) {
                    work.z[shared] = zi;
                    work.index[shared++] = i;
                } else {
                    into[i] = value(zi);
                }
            }
            if (shared > 0) {
                series(a, b, c, shared, work);
                for (int k = 0; k < shared; k++) {
                    into[work.index[k]] = work.sum[k];
                }
            }
        }
    }

    /** Per-thread arrays of {@link Prepared#values}: the z it sums for, their positions, powers and sums. */
    private static final class Workspace {
        double[] z = new double[0];
        int[] index = new int[0];
        double[] power = new double[0];
        double[] sum = new double[0];

        Workspace fit(int count) {
            if (z.length < count) {
                z = new double[count];
                index = new int[count];
                power = new double[count];
                sum = new double[count];
            }
            return this;
        }
    }

    private static double value(double a, double b, double c, double z, Prepared prepared) {
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
            return prepared == null ? connection(a, b, c, z)
                : connection(a, b, c, z, prepared.first, prepared.secondSign, prepared.secondLog);
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
            if (tailNegligible(term, Math.max(Math.abs(ratio), Math.abs(z)), sum)) {
                return sum;
            }
        }
        throw new ArithmeticException("2F1 series did not converge: a=" + a + " b=" + b + " c=" + c + " z=" + z);
    }

    /**
     * The defining series at {@code work.z[0..count)}, 0 &lt; z ≤ {@link #DIRECT_LIMIT}, into {@code work.sum}: one
     * coefficient {@code (a)_n (b)_n / ((c)_n n!)} per n for all z, each z stopped by the same tail bound as
     * {@link #series(double, double, double, double)}.
     */
    private static void series(double a, double b, double c, int count, Workspace work) {
        final double[] z = work.z;
        final double[] power = work.power;
        final double[] sum = work.sum;
        int slowest = 0;
        for (int i = 0; i < count; i++) {
            power[i] = 1.0;
            sum[i] = 1.0;
            slowest = z[i] > z[slowest] ? i : slowest;
        }
        double coefficient = 1.0;
        for (int n = 0; n < MAX_TERMS; n++) {
            final double ratio = (a + n) * (b + n) / ((c + n) * (n + 1.0));
            coefficient *= ratio;
            for (int i = 0; i < count; i++) {
                power[i] *= z[i];
                sum[i] += coefficient * power[i];
            }
            // The largest z converges last (same coefficients, larger powers), so the others are tested only then.
            if (converged(ratio, coefficient, z, power, sum, slowest) && allConverged(ratio, coefficient, work, count)) {
                return;
            }
        }
        throw new ArithmeticException("2F1 series did not converge: a=" + a + " b=" + b + " c=" + c);
    }

    private static boolean allConverged(double ratio, double coefficient, Workspace work, int count) {
        for (int i = 0; i < count; i++) {
            if (!converged(ratio, coefficient, work.z, work.power, work.sum, i)) {
                return false;
            }
        }
        return true;
    }

    /** The stopping rule of {@link #series(double, double, double, double)} for the i-th z of a shared pass. */
    private static boolean converged(double ratio, double coefficient, double[] z, double[] power, double[] sum, int i) {
        final double term = coefficient * power[i];
        return term == 0 || tailNegligible(term, Math.max(Math.abs(ratio) * z[i], z[i]), sum[i]);
    }

    /**
     * Whether the series' remaining tail, bounded by {@code |term|·ρ/(1−ρ)} with ρ the larger of the current
     * term ratio and z, is below {@link #TOLERANCE} of the sum; written without the division, since this test
     * runs at every term of per-event scoring.
     */
    private static boolean tailNegligible(double term, double rho, double sum) {
        return rho < 1 && Math.abs(term) * rho <= TOLERANCE * Math.abs(sum) * (1 - rho);
    }

    /** A&amp;S 15.3.6; requires c−a−b not an integer. */
    private static double connection(double a, double b, double c, double z) {
        return connection(a, b, c, z, firstCoefficient(a, b, c), secondSign(a, b, c), secondLogCoefficient(a, b, c));
    }

    /**
     * A&amp;S 15.3.6 with its gamma-function coefficients given: {@code first} = Γ(c)Γ(m)/(Γ(c−a)Γ(c−b)) (0 when
     * a reciprocal gamma vanishes), and the second term's sign and the log of its modulus without the
     * {@code (1−z)^m} factor. Only the two series depend on z.
     */
    private static double connection(double a, double b, double c, double z, double first, int secondSign,
                                     double secondLog) {
        double m = c - a - b;
        double w = 1 - z;
        double firstTerm = first == 0 ? 0 : first * series(a, b, 1 - m, w);
        double second = 0;
        if (secondSign != 0) {
            second = secondSign * Math.exp(secondLog + m * Math.log(w)) * series(c - a, c - b, m + 1, w);
        }
        return firstTerm + second;
    }

    private static double firstCoefficient(double a, double b, double c) {
        double m = c - a - b;
        int s1 = signGamma(c) * signGamma(m) * reciprocalSignGamma(c - a) * reciprocalSignGamma(c - b);
        if (s1 == 0) {
            return 0;
        }
        return s1 * Math.exp(logAbsGamma(c) + logAbsGamma(m) - logAbsGamma(c - a) - logAbsGamma(c - b));
    }

    private static int secondSign(double a, double b, double c) {
        return signGamma(c) * signGamma(-(c - a - b)) * reciprocalSignGamma(a) * reciprocalSignGamma(b);
    }

    private static double secondLogCoefficient(double a, double b, double c) {
        double m = c - a - b;
        return logAbsGamma(c) + logAbsGamma(-m) - logAbsGamma(a) - logAbsGamma(b);
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
