package io.clvstream.model;

/**
 * Per-customer BG/NBD scoring for one parameter version (Fader, Hardie &amp; Lee 2005, "Counting your customers
 * the easy way"): P(alive) (eq. 13 of the accompanying note / lifetimes' {@code conditional_probability_alive}),
 * E[X(t)] (eq. 9) and E[Y(t) | x, t_x, T] (eq. 10). Build once per parameter version; every method is pure,
 * thread safe and, once each purchase count's 2F1 is prepared (first use), allocation free.
 *
 * <p>Eq. 10 contains {@code ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x−1; z)}, z = t/(α+T+t). Its parameters
 * grow with x, which makes the series slow and overflow-prone for frequent buyers, so it is evaluated through
 * Euler's transformation (A&amp;S 15.3.3) as {@code (1−z)^(a−1) · 2F1(a+b−1−r, a−1; a+b+x−1; z)}, whose upper
 * parameters do not depend on x. Eq. 9 is the same expression with x = 0, T = 0.
 */
public final class BgNbdScorer implements TransactionModel {

    /** Within this distance of a = 1 eq. 10 is 0/0; it is interpolated between a = 1 ± band instead. */
    private static final double A_ONE_BAND = 1e-6;
    /** Purchase counts x whose 2F1 of eq. 10 is kept prepared (see {@link #hypergeometric}). */
    private static final int PREPARED_COUNTS = 1024;

    private final BgNbdParams params;
    private final double r;
    private final double alpha;
    private final double a;
    private final double b;
    /** Prepared 2F1 of eq. 10 by x, for a itself and for the two interpolation points a = 1 ± band. */
    private final Hypergeometric.Prepared[] preparedAtA = new Hypergeometric.Prepared[PREPARED_COUNTS];
    private final Hypergeometric.Prepared[] preparedBelowOne = new Hypergeometric.Prepared[PREPARED_COUNTS];
    private final Hypergeometric.Prepared[] preparedAboveOne = new Hypergeometric.Prepared[PREPARED_COUNTS];

    public BgNbdScorer(BgNbdParams params) {
        this.params = params;
        this.r = params.r();
        this.alpha = params.alpha();
        this.a = params.a();
        this.b = params.b();
    }

    public BgNbdParams params() {
        return params;
    }

    @Override
    public double pAlive(int x, double tx, double T) {
        if (x == 0) {
            return 1.0;
        }
        double odds = a / (b + x - 1) * Math.exp((r + x) * Math.log((alpha + T) / (alpha + tx)));
        return 1.0 / (1.0 + odds);
    }

    @Override
    public double expectedPurchases(double t, int x, double tx, double T) {
        if (!(t > 0)) {
            return 0.0;
        }
        return perPurchaserExpectation(t, x, T) * pAlive(x, tx, T);
    }

    /** One P(alive) and one pass of the 2F1 series for all horizons (see {@link Hypergeometric.Prepared#values}). */
    @Override
    public void expectedPurchases(double[] t, int count, int x, double tx, double T, double[] into) {
        if (Math.abs(a - 1) < A_ONE_BAND || x >= PREPARED_COUNTS) {
            TransactionModel.super.expectedPurchases(t, count, x, tx, T, into);
            return;
        }
        final double alive = pAlive(x, tx, T);
        final double c = a + b + x - 1;
        // into holds each z, then the 2F1 at it.
        for (int i = 0; i < count; i++) {
            into[i] = t[i] > 0 ? t[i] / (alpha + T + t[i]) : 0;
        }
        prepared(preparedAtA, a, x).values(into, count, into);
        for (int i = 0; i < count; i++) {
            into[i] = t[i] > 0 ? givenAlive(a, c, Math.log((alpha + T) / (alpha + T + t[i])), into[i]) * alive : 0;
        }
    }

    @Override
    public double expectedPurchases(double t) {
        if (!(t > 0)) {
            return 0.0;
        }
        return perPurchaserExpectation(t, 0, 0);
    }

    /** (a+b+x−1)/(a−1) · [1 − (1−z)^(a−1) 2F1(a+b−1−r, a−1; a+b+x−1; z)]: E[Y(t)] given alive. */
    private double perPurchaserExpectation(double t, int x, double T) {
        double shiftedA = a - 1;
        if (Math.abs(shiftedA) >= A_ONE_BAND) {
            return perPurchaserExpectation(t, x, T, a);
        }
        double below = perPurchaserExpectation(t, x, T, 1 - A_ONE_BAND);
        double above = perPurchaserExpectation(t, x, T, 1 + A_ONE_BAND);
        return below + (above - below) * (shiftedA + A_ONE_BAND) / (2 * A_ONE_BAND);
    }

    private double perPurchaserExpectation(double t, int x, double T, double aa) {
        double horizon = alpha + T + t;
        double z = t / horizon;
        double logOneMinusZ = Math.log((alpha + T) / horizon);
        return givenAlive(aa, aa + b + x - 1, logOneMinusZ, hypergeometric(aa, x, z));
    }

    /** c/(aa−1) · [1 − (1−z)^(aa−1) · f], with f the 2F1 at z and its 1 − … kept exact for small z. */
    private static double givenAlive(double aa, double c, double logOneMinusZ, double f) {
        double powerMinusOne = Math.expm1((aa - 1) * logOneMinusZ);
        double bracket = -powerMinusOne - (powerMinusOne + 1) * (f - 1);
        return c / (aa - 1) * bracket;
    }

    /**
     * 2F1(aa+b−1−r, aa−1; aa+b+x−1; z). Its parameters depend only on x, so for the usual counts the
     * connection formula's gamma-function coefficients are computed once per scorer and x rather than at
     * each of the CLV's monthly horizons. Filled on first use; a race only computes an entry twice (the
     * entries are immutable, so a reference read from another thread is safe).
     */
    private double hypergeometric(double aa, int x, double z) {
        if (x >= PREPARED_COUNTS) {
            return Hypergeometric.value(aa + b - 1 - r, aa - 1, aa + b + x - 1, z);
        }
        Hypergeometric.Prepared[] table = aa == a ? preparedAtA : aa < 1 ? preparedBelowOne : preparedAboveOne;
        return prepared(table, aa, x).value(z);
    }

    private Hypergeometric.Prepared prepared(Hypergeometric.Prepared[] table, double aa, int x) {
        Hypergeometric.Prepared prepared = table[x];
        if (prepared == null) {
            prepared = new Hypergeometric.Prepared(aa + b - 1 - r, aa - 1, aa + b + x - 1);
            table[x] = prepared;
        }
        return prepared;
    }

    /**
     * Closed form: for x &gt; 0, P(alive) &lt; θ ⇔ (α+T)/(α+t_x) &gt; K^(1/(r+x)) with K = ((1−θ)/θ)·(b+x−1)/a,
     * so T* = (α+t_x)·K^(1/(r+x)) − α (monotone in T, no root finding needed). For x = 0, P(alive) ≡ 1.
     */
    @Override
    public double timeWhenPAliveBelow(double threshold, int x, double tx) {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1), got " + threshold);
        }
        if (x == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double logK = Math.log((1 - threshold) / threshold) + Math.log((b + x - 1) / a);
        double tStar = (alpha + tx) * Math.exp(logK / (r + x)) - alpha;
        return Math.max(tx, tStar);
    }

    @Override
    public double medianTimeToNextPurchase(int x, double tx, double T) {
        return (alpha + T) * Math.expm1(Math.log(2) / (r + x));
    }
}
