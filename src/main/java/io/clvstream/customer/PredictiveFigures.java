package io.clvstream.customer;

import io.clvstream.avro.internal.CustomerState;
import io.clvstream.model.PredictiveClv;
import io.clvstream.predict.PredictConfig;
import io.clvstream.predict.ScoringModel;
import java.util.List;

/**
 * Decides the inputs of the BTYD models from a customer's state and calls {@code io.clvstream.model} for the
 * numbers: x = repeat purchase days, t_x = last - first purchase day, T = as-of - start (UTC) of the first
 * purchase day, m-bar = mean value of the repeat purchase days, all in the model's time unit.
 *
 * <p>Scoring costs horizonMonths + 1 evaluations of E[Y] (each a 2F1 series); a one-entry memo skips them when
 * the same customer is scored again with unchanged inputs (a signup, a due check at the same time). Not
 * thread safe: one per processor.
 */
public final class PredictiveFigures {

    private final PredictConfig config;
    private ScoringModel memoModel;
    private int memoX = -1;
    private double memoTx;
    private double memoT;
    private double memoMeanCents;
    private double memoMargin;
    private long memoAsOf;
    private CustomerScore memo;

    public PredictiveFigures(PredictConfig config) {
        this.config = config;
    }

    /** The figures as of {@code asOfMs}; null before the customer's first kept purchase. */
    public CustomerScore score(ScoringModel model, CustomerState state, long asOfMs) {
        final List<Integer> days = state.getPurchaseDays();
        if (days.isEmpty()) {
            return null;
        }
        final int x = CustomerFigures.repeatTransactions(state);
        final double tx = model.unit().fromDays(CustomerFigures.recencyDays(state));
        final double age = Math.max(tx, model.unit().fromMillis(asOfMs - days.get(0) * (double) UtcCalendar.DAY_MS));
        final Double meanRepeat = CustomerFigures.meanRepeatValueCents(state);
        final double meanCents = meanRepeat == null ? 0 : Math.max(0, meanRepeat);
        final double margin = state.getMarginRevenueCents() > 0
            ? (double) state.getMarginCents() / state.getMarginRevenueCents() : 1.0;
        if (model == memoModel && x == memoX && tx == memoTx && age == memoT && meanCents == memoMeanCents
            && margin == memoMargin && asOfMs == memoAsOf) {
            return memo;
        }
        final double pAlive = model.transactions().pAlive(x, tx, age);
        final double expected = model.transactions().expectedPurchases(config.horizon(), x, tx, age);
        final double orderValue = model.spend().expectedAverageValue(x, meanCents / 100.0);
        final double clv = PredictiveClv.clv(model.transactions(), x, tx, age, orderValue, config.horizonMonths(),
            config.monthlyDiscount(), model.unit().monthLength(), margin);
        final double median = model.transactions().medianTimeToNextPurchase(x, tx, age);
        final long next = asOfMs + (long) Math.min(Long.MAX_VALUE / 4.0, model.unit().toMillis(median));
        // The model package never returns NaN on valid input; this guards the decimal conversions downstream.
        if (!Double.isFinite(pAlive + expected + clv + orderValue)) {
            return null;
        }
        memo = new CustomerScore(pAlive, expected, clv, orderValue, next, model.version());
        memoModel = model;
        memoX = x;
        memoTx = tx;
        memoT = age;
        memoMeanCents = meanCents;
        memoMargin = margin;
        memoAsOf = asOfMs;
        return memo;
    }

    /**
     * When P(alive) of this customer falls below {@code threshold} if no purchase comes (epoch ms); null when it
     * never does (BG/NBD with x = 0) or before the first purchase. May be in the past.
     */
    public static Long pAliveBelowAt(ScoringModel model, CustomerState state, double threshold) {
        final List<Integer> days = state.getPurchaseDays();
        if (days.isEmpty()) {
            return null;
        }
        final double age = model.transactions().timeWhenPAliveBelow(threshold, CustomerFigures.repeatTransactions(state),
            model.unit().fromDays(CustomerFigures.recencyDays(state)));
        final double at = days.get(0) * (double) UtcCalendar.DAY_MS + model.unit().toMillis(age);
        return Double.isFinite(at) && at < Long.MAX_VALUE / 2.0 ? (long) Math.ceil(at) : null;
    }
}
