package io.clvstream.customer;

import io.clvstream.avro.internal.CustomerState;
import io.clvstream.model.PredictiveClv;
import io.clvstream.predict.ModelTimeUnit;
import io.clvstream.predict.PredictConfig;
import io.clvstream.predict.ScoringModel;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides the inputs of the BTYD models from a customer's state and calls {@code io.clvstream.model} for the
 * numbers: x = repeat purchase days, t_x = last - first purchase day, T = as-of - start (UTC) of the first
 * purchase day, m-bar = mean value of the repeat purchase days, all in the model's time unit.
 *
 * <p>Scoring evaluates E[Y] at the horizonMonths month ends and the horizon together (one 2F1 series under
 * BG/NBD); a one-entry memo skips that when the same customer is scored again with unchanged inputs (a signup, a
 * due check at the same time). Not thread safe: one per processor.
 */
public final class PredictiveFigures {

    private static final Logger LOG = LoggerFactory.getLogger(PredictiveFigures.class);

    private final PredictConfig config;
    /** The month ends and, last, the horizon, in the time unit they were made for; and E[Y] at each. */
    private ModelTimeUnit horizonsUnit;
    private double[] horizons;
    private double[] expectations;
    private ScoringModel memoModel;
    private int memoX = -1;
    private double memoTx;
    private double memoT;
    private double memoMeanCents;
    private double memoMargin;
    private long memoAsOf;
    private CustomerScore memo;
    /** The last model that failed to score a customer, so that its warning is logged once, not per event. */
    private ScoringModel unscorableModel;

    public PredictiveFigures(PredictConfig config) {
        this.config = config;
    }

    /**
     * The figures as of {@code asOfMs}; null before the customer's first kept purchase, and when {@code model}'s
     * parameters are beyond what its series can evaluate for this customer.
     */
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
        final double pAlive;
        final double median;
        final int months = config.horizonMonths();
        try {
            pAlive = model.transactions().pAlive(x, tx, age);
            model.transactions().expectedPurchases(horizons(model.unit()), months + 1, x, tx, age, expectations);
            median = model.transactions().medianTimeToNextPurchase(x, tx, age);
        } catch (ArithmeticException e) {
            // Parameters beyond what the series can evaluate (a fit on a boundary, published by another version):
            // the event still counts; only its predictive figures are missing, as before a first purchase.
            warnOnce(model, e);
            return null;
        }
        final double expected = expectations[months];
        final double orderValue = model.spend().expectedAverageValue(x, meanCents / 100.0);
        final double clv = PredictiveClv.discountedIncrements(expectations, months, config.monthlyDiscount())
            * orderValue * margin;
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

    private void warnOnce(ScoringModel model, ArithmeticException e) {
        if (model != unscorableModel) {
            unscorableModel = model;
            LOG.warn("Model version {} cannot score some customers ({}); their predictive figures stay empty",
                model.version(), e.getMessage());
        }
    }

    private double[] horizons(ModelTimeUnit unit) {
        if (unit != horizonsUnit) {
            horizons = config.scoringHorizons(unit);
            expectations = new double[horizons.length];
            horizonsUnit = unit;
        }
        return horizons;
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
