package io.clvstream.model;

/**
 * Predictive CLV from a transaction model and an expected spend per transaction, exactly the discounted sum of
 * lifetimes' {@code customer_lifetime_value} (DESIGN.md "predictive CLV"):
 * <pre>
 *   CLV = Σ_{i=1..H} (E[Y(i·m)] − E[Y((i−1)·m)]) · E[M] · margin / (1+d)^i
 * </pre>
 * with H months, month length m in model time units (30 days, or 4.345 weeks as lifetimes uses), monthly
 * discount rate d, E[M] the Gamma-Gamma expected average order value and an optional margin multiplier (1 in
 * lifetimes). Costs one evaluation of E[Y] at H horizons (one shared 2F1 series under BG/NBD).
 */
public final class PredictiveClv {

    /** lifetimes' month for daily data. */
    public static final double DAYS_PER_MONTH = 30.0;
    /** lifetimes' month for weekly data (not 30/7: lifetimes uses 52.14/12 = 4.345). */
    public static final double WEEKS_PER_MONTH = 4.345;

    private PredictiveClv() {
    }

    /** CLV without margin (margin multiplier 1), as lifetimes computes it. */
    public static double clv(TransactionModel model, int x, double tx, double T, double expectedAverageValue,
                             int months, double monthlyDiscountRate, double monthLength) {
        return clv(model, x, tx, T, expectedAverageValue, months, monthlyDiscountRate, monthLength, 1.0);
    }

    /**
     * CLV with a gross-margin multiplier applied to every month's expected revenue. Allocates its horizons; the
     * stream keeps its own and calls {@link #discountedIncrements}.
     */
    public static double clv(TransactionModel model, int x, double tx, double T, double expectedAverageValue,
                             int months, double monthlyDiscountRate, double monthLength, double marginMultiplier) {
        final double[] horizons = monthlyHorizons(months, monthLength, 0);
        final double[] cumulative = new double[months];
        model.expectedPurchases(horizons, months, x, tx, T, cumulative);
        return discountedIncrements(cumulative, months, monthlyDiscountRate) * expectedAverageValue * marginMultiplier;
    }

    /**
     * The month ends {@code i·m}, i = 1..months, in model time units, followed by {@code extra} further slots
     * for the caller's own horizons.
     */
    public static double[] monthlyHorizons(int months, double monthLength, int extra) {
        if (months < 0 || !(monthLength > 0)) {
            throw new IllegalArgumentException("months ≥ 0 and month length > 0 required");
        }
        final double[] horizons = new double[months + extra];
        for (int i = 0; i < months; i++) {
            horizons[i] = (i + 1) * monthLength;
        }
        return horizons;
    }

    /** Σ (E[Y(i·m)] − E[Y((i−1)·m)]) / (1+d)^i over the first {@code months} cumulative expectations. */
    public static double discountedIncrements(double[] cumulative, int months, double monthlyDiscountRate) {
        if (!(monthlyDiscountRate > -1)) {
            throw new IllegalArgumentException("discount rate > −1 required");
        }
        double value = 0;
        double previous = 0;
        double discount = 1;
        for (int i = 0; i < months; i++) {
            discount /= 1 + monthlyDiscountRate;
            value += (cumulative[i] - previous) * discount;
            previous = cumulative[i];
        }
        return value;
    }
}
