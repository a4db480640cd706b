package io.clvstream.customer;

import io.clvstream.avro.internal.CustomerState;
import io.clvstream.model.FormulaClv;
import java.util.List;

/**
 * The figures derived from a customer's state as of a point in time. Formula CLV is computed by
 * {@link FormulaClv}; this class only decides its inputs.
 */
public final class CustomerFigures {

    private final CustomerTopologyConfig config;

    public CustomerFigures(CustomerTopologyConfig config) {
        this.config = config;
    }

    public static long netCents(CustomerState state) {
        return state.getGrossCents() - state.getRefundedCents();
    }

    /** True once the customer purchased on at least two different days (returned orders excluded). */
    public static boolean repeatCustomer(CustomerState state) {
        return state.getPurchaseDays().size() >= 2;
    }

    /**
     * Formula CLV as of {@code asOfMs}: net revenue / orders x orders per year over the tenure since
     * the first purchase, shrunk toward the prior frequency x lifespan x margin ratio (1 when no margin
     * was given). Prior frequency and lifespan are the segment's ({@code prior}) or, when that is
     * null, the configured ones. Null without kept orders, or when the frequency is undefined (no
     * tenure and no prior weight).
     */
    public Double formulaClv(CustomerState state, long asOfMs, SegmentPrior prior) {
        if (state.getOrders() <= 0 || state.getFirstPurchaseAt() == null) {
            return null;
        }
        final double tenureYears = Math.max(0, asOfMs - state.getFirstPurchaseAt()) / UtcCalendar.YEAR_MS;
        if (tenureYears == 0 && config.priorWeightYears() == 0) {
            return null;
        }
        final double aov = FormulaClv.averageOrderValue(netCents(state) / 100.0, state.getOrders());
        final double frequency = FormulaClv.shrunkPurchaseFrequency(
            state.getOrders(), tenureYears, prior == null ? config.priorOrdersPerYear() : prior.ordersPerYear(),
            config.priorWeightYears());
        final double margin = state.getMarginRevenueCents() > 0
            ? FormulaClv.grossMarginRatio(state.getMarginCents() / 100.0, state.getMarginRevenueCents() / 100.0)
            : 1.0;
        return FormulaClv.formulaClv(aov, frequency, prior == null ? config.lifespanYears() : prior.lifespanYears(), margin);
    }

    /**
     * The value of {@code metric} in cents; null when it is not defined yet (formula or predicted CLV without
     * orders). {@code score} is the customer's predictive score as of {@code asOfMs}, or null; {@code prior} as
     * for {@link #formulaClv}.
     */
    public Long metricCents(ValueMetric metric, CustomerState state, long asOfMs, CustomerScore score, SegmentPrior prior) {
        return switch (metric) {
            case NET_SPEND_12M -> MonthlySpend.last12Months(state, asOfMs);
            case LIFETIME_NET_SPEND -> netCents(state);
            case FORMULA_CLV -> {
                final Double clv = formulaClv(state, asOfMs, prior);
                yield clv == null ? null : Money.toCents(clv);
            }
            case PREDICTED_CLV -> score == null ? null : Money.toCents(score.predictedClv());
        };
    }

    /** Repeat transactions for BG/NBD: purchase days after the first (same-day orders collapsed). */
    public static int repeatTransactions(CustomerState state) {
        return Math.max(0, state.getPurchaseDays().size() - 1);
    }

    /** Mean value of the repeat transactions in cents (Gamma-Gamma's m-bar); null without repeats. */
    public static Double meanRepeatValueCents(CustomerState state) {
        final int repeats = repeatTransactions(state);
        return repeats == 0 ? null : (state.getKeptCents() - state.getFirstDayCents()) / (double) repeats;
    }

    /** Days between the first and the last purchase day (BG/NBD's t_x in days). */
    public static int recencyDays(CustomerState state) {
        final List<Integer> gaps = state.getPurchaseDays();
        int sum = 0;
        for (int i = 1; i < gaps.size(); i++) {
            sum += gaps.get(i);
        }
        return sum;
    }
}
