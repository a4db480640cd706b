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
 *       {@code |term|·ρ/(1−ρ)} with ρ the current term ratio, is below 1e-16 of the sum. The bound is applied
 *       only once the ratio's factors {@code a+n, b+n, c+n} are all positive (see {@code lastSignChange}).</li>
 *   <li>{@code z < 0}: Pfaff's transformation {@code (1−z)^(−a) 2F1(a, c−b; c; z/(z−1))} maps to (0, 1).</li>
 *   <li>{@code 0.9 < z < 1}: the series needs thousands of terms or diverges in floating point, so the
 *       connection formula 15.3.6 in {@code 1−z} is used, its gamma ratios evaluated as signed log-gammas.
 *       When {@code c−a−b} is within 1e-4 of an integer that formula has cancelling poles; there the series
 *       is still used up to z = 0.995 (at most ~8,000 terms), and beyond it the value is interpolated by a cubic
 *       through {@code c−a−b = k ± 1e-4, k ± 2e-4} (interpolation error O(1e-16); the cancelling
 *       terms limit it to about 1e-9 relative), which keeps e.g. {@code 2F1(1,1;2;z) = −ln(1−z)/z} right at z = 0.999999.</li>
 *   <li>A {@link Prepared} 2F1 has the connection formula's gamma coefficients at hand, and its two series
 *       converge like powers of {@code 1−z}, so it takes that formula from a lower z, down to 0.5, where it
 *       sums fewer terms than the defining series (about ln(1e-16)/ln z terms, 350 at z = 0.9) and agrees with
 *       it, i.e. does not lose digits to cancellation: for small {@code c−a−b} (BG/NBD's eq. 10 for customers
 *       with few purchases), not for large or near-integer {@code c−a−b}.</li>
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
    /** A {@link Prepared} 2F1 may hand over to the connection formula at 0.85, 0.80, …, 0.50. */
    private static final double LIMIT_STEP = 0.05;
    private static final int LIMIT_STEPS = 8;
    /** How closely the connection formula must match the defining series where a {@link Prepared} 2F1 starts it. */
    private static final double AGREEMENT = 1e-14;
    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private Hypergeometric() {
    }

    /** {@code 2F1(a, b; c; z)} for {@code z < 1}; {@code c} must not be a non-positive integer. */
    public static double value(double a, double b, double c, double z) {
        return value(a, b, c, z, null);
    }

    /**
     * {@code 2F1(a, b; c; ·)} for one (a, b, c) at many z, e.g. one customer's expected purchases month by month.
     * The gamma-function coefficients of the {@code 1−z} connection formula, eight log-gammas and three
     * exponentials, are computed once instead of at every z; with them paid for, the connection formula is
     * cheaper than the defining series from well below z = 0.9, so a prepared 2F1 moves the boundary between the
     * two down to its {@link #directLimit} where that keeps the accuracy (see the class comment). {@link #value}
     * therefore agrees with {@link Hypergeometric#value(double, double, double, double)} to rounding between that
     * limit and 0.9, and bit for bit elsewhere. Immutable.
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
        /** Not near the connection formula's integer poles nor a polynomial: its coefficients are prepared. */
        private final boolean connects;
        /** The defining series serves 0 &lt; z ≤ this; the connection formula, when it {@link #connects}, the z above. */
        private final double directLimit;

        public Prepared(double a, double b, double c) {
            if (isNonPositiveInteger(c)) {
                throw new IllegalArgumentException("2F1 undefined for c = " + c);
            }
            this.a = a;
            this.b = b;
            this.c = c;
            double offset = c - a - b - Math.rint(c - a - b);
            this.connects = Math.abs(offset) >= INTEGER_BAND && !isNonPositiveInteger(a) && !isNonPositiveInteger(b);
            this.first = connects ? firstCoefficient(a, b, c) : 0;
            this.secondSign = connects ? secondSign(a, b, c) : 0;
            this.secondLog = connects ? secondLogCoefficient(a, b, c) : 0;
            this.sharedSeries = !isNonPositiveInteger(a) && !isNonPositiveInteger(b) && a != 0 && b != 0;
            this.directLimit = connects ? directLimit(a, b, c, first, secondSign, secondLog) : DIRECT_LIMIT;
        }

        public double value(double z) {
            return Hypergeometric.value(a, b, c, z, this);
        }

        /**
         * {@code 2F1(a, b; c; z[i])} into {@code into[i]} for {@code i < count}; {@code into} may be {@code z}.
         * The z that the defining series serves share one pass over its coefficients, so each term costs them
         * a multiplication instead of a division (the CLV's twelve monthly z of one customer); the z that the
         * connection formula serves share one pass over each of its two series in 1−z the same way and add
         * only their own {@code (1−z)^m}. Any other z goes through {@link #value}. Each value meets the series'
         * own stopping rule, so it agrees with {@link #value} to rounding.
         */
        public void values(double[] z, int count, double[] into) {
            final Workspace work = WORKSPACE.get().fit(count);
            int direct = 0;
            int connected = 0;
            for (int i = 0; i < count; i++) {
                final double zi = z[i];
                if (sharedSeries && zi > 0 && zi <= directLimit) {
                    work.z[direct] = zi;
                    work.zIndex[direct++] = i;
                } else if (connects && zi > directLimit && zi < 1) {
                    work.w[connected] = 1 - zi;
                    work.wIndex[connected++] = i;
                } else {
                    into[i] = value(zi);
                }
            }
            if (direct > 0) {
                series(a, b, c, work.z, direct, work);
                for (int k = 0; k < direct; k++) {
                    into[work.zIndex[k]] = work.sum[k];
                }
            }
            if (connected > 0) {
                connection(connected, work, into);
            }
        }

        /**
         * A&amp;S 15.3.6 at the {@code w = 1−z} in {@code work.w[0..count)}, into {@code into[work.wIndex[k]]},
         * each of its two series summed in one pass for all w.
         */
        private void connection(int count, Workspace work, double[] into) {
            final double m = c - a - b;
            final double[] w = work.w;
            final int[] index = work.wIndex;
            series(a, b, 1 - m, w, count, work);
            for (int k = 0; k < count; k++) {
                into[index[k]] = first * work.sum[k];
            }
            if (secondSign != 0) {
                series(c - a, c - b, m + 1, w, count, work);
                for (int k = 0; k < count; k++) {
                    into[index[k]] += secondSign * Math.exp(secondLog + m * Math.log(w[k])) * work.sum[k];
                }
            }
        }
    }

    /**
     * Per-thread arrays of {@link Prepared#values}: the z the defining series serves and their positions, the
     * 1−z the connection formula serves and theirs, and the powers and sums of the pass under way.
     */
    private static final class Workspace {
        double[] z = new double[0];
        int[] zIndex = new int[0];
        double[] w = new double[0];
        int[] wIndex = new int[0];
        double[] power = new double[0];
        double[] sum = new double[0];

        Workspace fit(int count) {
            if (z.length < count) {
                z = new double[count];
                zIndex = new int[count];
                w = new double[count];
                wIndex = new int[count];
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
        if (z <= (prepared == null ? DIRECT_LIMIT : prepared.directLimit)) {
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
        return sumOrTerms(a, b, c, z, false);
    }

    /**
     * How many terms {@link #series(double, double, double, double)} sums before it stops: the cost by which
     * {@link Prepared} chooses between the defining series and the connection formula.
     */
    private static int terms(double a, double b, double c, double z) {
        return (int) sumOrTerms(a, b, c, z, true);
    }

    /** The defining series' sum, or with {@code countTerms} the number of terms it took (one loop for both). */
    private static double sumOrTerms(double a, double b, double c, double z, boolean countTerms) {
        final double settled = lastSignChange(a, b, c);
        double term = 1.0;
        double sum = 1.0;
        for (int n = 0; n < MAX_TERMS; n++) {
            double ratio = (a + n) * (b + n) / ((c + n) * (n + 1.0)) * z;
            term *= ratio;
            sum += term;
            if (term == 0 || n > settled && tailNegligible(term, Math.max(Math.abs(ratio), Math.abs(z)), sum)) {
                return countTerms ? n + 1 : sum;
            }
        }
        if (countTerms) {
            return MAX_TERMS;
        }
        throw new ArithmeticException("2F1 series did not converge: a=" + a + " b=" + b + " c=" + c + " z=" + z);
    }

    /**
     * The tail bound is trusted only for n beyond this, where the term ratio's factors {@code a+n}, {@code b+n}
     * and {@code c+n} are all positive: before, a factor on its way through zero can make the terms tiny for a
     * while and then large again. The connection formula's first series has {@code c = 1−m}, negative for large
     * m, and its terms peak near n = m after tiny early ones.
     */
    private static double lastSignChange(double a, double b, double c) {
        return Math.max(Math.max(-a, -b), -c);
    }

    /**
     * The defining series at {@code z[0..count)}, 0 &lt; z &lt; 1, into {@code work.sum}: one coefficient
     * {@code (a)_n (b)_n / ((c)_n n!)} per n for all z, each z stopped by the same tail bound as
     * {@link #series(double, double, double, double)}.
     */
    private static void series(double a, double b, double c, double[] z, int count, Workspace work) {
        final double[] power = work.power;
        final double[] sum = work.sum;
        int slowest = 0;
        for (int i = 0; i < count; i++) {
            power[i] = 1.0;
            sum[i] = 1.0;
            slowest = z[i] > z[slowest] ? i : slowest;
        }
        final double settled = lastSignChange(a, b, c);
        double coefficient = 1.0;
        for (int n = 0; n < MAX_TERMS; n++) {
            final double ratio = (a + n) * (b + n) / ((c + n) * (n + 1.0));
            coefficient *= ratio;
            for (int i = 0; i < count; i++) {
                power[i] *= z[i];
                sum[i] += coefficient * power[i];
            }
            // The largest z converges last (same coefficients, larger powers), so the others are tested only then.
            if (n > settled && converged(ratio, coefficient, z, power, sum, slowest)
                    && allConverged(ratio, coefficient, z, work, count)) {
                return;
            }
        }
        throw new ArithmeticException("2F1 series did not converge: a=" + a + " b=" + b + " c=" + c);
    }

    private static boolean allConverged(double ratio, double coefficient, double[] z, Workspace work, int count) {
        for (int i = 0; i < count; i++) {
            if (!converged(ratio, coefficient, z, work.power, work.sum, i)) {
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

    /**
     * Where a {@link Prepared} 2F1 hands the z above over to the connection formula: the lowest of 0.85, 0.80,
     * …, 0.50 down to which, at each, the connection formula sums fewer terms than the
     * defining series and agrees with it to {@link #AGREEMENT}; {@link #DIRECT_LIMIT} if already 0.85 fails.
     * Fewer terms: with m = c−a−b large (a frequent buyer's eq. 10) the first series in 1−z runs past n = m,
     * while the defining series converges fast, its c being large too. Agreement: near an integer m, or with
     * small z and large m, the formula's two terms (or its first series' alternating terms) cancel, and the
     * digits lost show as a disagreement with the defining series, which has no such cancellation here. Both
     * only improve as z grows, so the z above the limit are served at least as well as the limit itself.
     */
    private static double directLimit(double a, double b, double c, double first, int secondSign, double secondLog) {
        double limit = DIRECT_LIMIT;
        for (int k = 1; k <= LIMIT_STEPS; k++) {
            double z = DIRECT_LIMIT - k * LIMIT_STEP;
            if (!connectionPays(a, b, c, z, first, secondSign, secondLog)) {
                break;
            }
            limit = z;
        }
        return limit;
    }

    private static boolean connectionPays(double a, double b, double c, double z, double first, int secondSign,
                                          double secondLog) {
        double m = c - a - b;
        double w = 1 - z;
        int connectionTerms = terms(a, b, 1 - m, w) + (secondSign == 0 ? 0 : terms(c - a, c - b, m + 1, w));
        if (connectionTerms >= terms(a, b, c, z)) {
            return false;
        }
        double direct = series(a, b, c, z);
        double connected = connection(a, b, c, z, first, secondSign, secondLog);
        return Math.abs(connected - direct) <= AGREEMENT * Math.abs(direct);
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
