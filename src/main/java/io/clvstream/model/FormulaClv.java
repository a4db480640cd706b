package io.clvstream.model;

/**
 * The classic "formula" customer lifetime value of marketing practice:
 * {@code CLV = average order value × purchase frequency (orders/year) × expected lifespan (years) × gross-margin ratio}
 * (see e.g. Gupta &amp; Lehmann, "Customers as Assets", J. Interactive Marketing 17(1), 2003, and DESIGN.md
 * "The three CLV figures", item 2). Net CLV subtracts the acquisition cost; LTV:CAC divides by it.
 *
 * <p>All functions are pure and allocation free. Invalid arguments (negative counts, non-positive
 * denominators) throw {@link IllegalArgumentException} rather than returning NaN, so a NaN can never
 * reach an output record from here.
 */
public final class FormulaClv {

    private FormulaClv() {
    }

    /** Average order value = revenue / orders. */
    public static double averageOrderValue(double revenue, long orders) {
        if (orders <= 0) {
            throw new IllegalArgumentException("orders must be > 0, got " + orders);
        }
        return revenue / orders;
    }

    /**
     * Purchase frequency in orders per year, shrunk toward a prior frequency by credibility weighting.
     *
     * <p>Exact formula, with {@code n = orders}, {@code t = tenureYears}, {@code f0 = priorOrdersPerYear}
     * and {@code k = priorExposureYears}:
     * <pre>
     *   w    = t / (t + k)                       (credibility of the customer's own history)
     *   freq = w · (n / t) + (1 − w) · f0  =  (n + k · f0) / (t + k)
     * </pre>
     * The right-hand form is the posterior mean of a Poisson rate under a Gamma(shape k·f0, rate k) prior,
     * i.e. the prior counts as {@code k} years of exposure at rate {@code f0}. It is defined at {@code t = 0}
     * (it returns {@code (n + k·f0)/k}), so one purchase yesterday projects about {@code f0 + 1/k} orders per year,
     * not 365; after many years the customer's own rate dominates. With {@code k = 0} it degenerates to the raw
     * rate {@code n/t}, which then requires {@code t > 0}.
     *
     * @param orders             orders observed for the customer (all of them, the first included)
     * @param tenureYears        observed tenure in years (as-of time − first purchase), ≥ 0
     * @param priorOrdersPerYear the segment's (or population's) frequency, ≥ 0
     * @param priorExposureYears credibility constant k in years, ≥ 0
     */
    public static double shrunkPurchaseFrequency(long orders, double tenureYears,
                                                 double priorOrdersPerYear, double priorExposureYears) {
        if (orders < 0 || !(tenureYears >= 0) || !(priorOrdersPerYear >= 0) || !(priorExposureYears >= 0)) {
            throw new IllegalArgumentException("negative or NaN argument");
        }
        double exposure = tenureYears + priorExposureYears;
        if (exposure <= 0) {
            throw new IllegalArgumentException("tenure and prior exposure are both zero: frequency undefined");
        }
        return (orders + priorExposureYears * priorOrdersPerYear) / exposure;
    }

    /** Expected lifespan in years implied by a constant annual churn (retention model): 1 / churn. */
    public static double lifespanFromAnnualChurn(double annualChurnRate) {
        if (!(annualChurnRate > 0 && annualChurnRate <= 1)) {
            throw new IllegalArgumentException("annual churn rate must be in (0, 1], got " + annualChurnRate);
        }
        return 1.0 / annualChurnRate;
    }

    /** Gross-margin ratio = gross margin / revenue (1.0 when margins are unknown is the caller's choice). */
    public static double grossMarginRatio(double grossMargin, double revenue) {
        if (!(revenue > 0)) {
            throw new IllegalArgumentException("revenue must be > 0 for a margin ratio, got " + revenue);
        }
        return grossMargin / revenue;
    }

    /** Formula CLV without margin: AOV × orders/year × years. */
    public static double formulaClv(double averageOrderValue, double ordersPerYear, double lifespanYears) {
        return averageOrderValue * ordersPerYear * lifespanYears;
    }

    /** Formula CLV: AOV × orders/year × years × gross-margin ratio. */
    public static double formulaClv(double averageOrderValue, double ordersPerYear, double lifespanYears,
                                    double marginRatio) {
        return averageOrderValue * ordersPerYear * lifespanYears * marginRatio;
    }

    /** Net CLV = formula CLV − customer acquisition cost. */
    public static double netClv(double formulaClv, double acquisitionCost) {
        return formulaClv - acquisitionCost;
    }

    /**
     * LTV:CAC = formula CLV / acquisition cost. Only defined for a known, positive CAC: callers publish
     * {@code null} when there is none (DESIGN.md), so this refuses to invent an infinite ratio.
     */
    public static double ltvToCac(double formulaClv, double acquisitionCost) {
        if (!(acquisitionCost > 0)) {
            throw new IllegalArgumentException("acquisition cost must be > 0, got " + acquisitionCost);
        }
        return formulaClv / acquisitionCost;
    }
}
