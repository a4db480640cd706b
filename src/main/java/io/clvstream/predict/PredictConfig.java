package io.clvstream.predict;

import static io.clvstream.config.Settings.get;

import io.clvstream.model.BgNbdParams;
import io.clvstream.model.GammaGammaParams;
import io.clvstream.model.ParetoNbdParams;
import io.clvstream.model.PredictiveClv;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Settings of predictive scoring, the live refit and AT_RISK alerts (docs/predictive.md). Every key has a
 * default. Prior parameters are the published CDNOW fits (Fader, Hardie &amp; Lee 2005; Pareto/NBD as lifetimes
 * fits the same data) with their time-carrying parameters given in days, whatever {@code clv.model.time-unit}.
 *
 * @param priorTransactions prior BG/NBD parameters in days
 * @param priorPareto       prior Pareto/NBD parameters in days
 * @param sampleSize        customers per task in the bottom-k sample published as the RFM summary
 */
public record PredictConfig(
    ModelTimeUnit timeUnit,
    TransactionModelType transactionModel,
    double horizonDays,
    int horizonMonths,
    double monthlyDiscount,
    BgNbdParams priorTransactions,
    ParetoNbdParams priorPareto,
    GammaGammaParams priorSpend,
    Duration summaryInterval,
    int sampleSize,
    Duration refitInterval,
    long minCustomers,
    double atRiskPAlive) {

    public static final String TIME_UNIT = "clv.model.time-unit";
    public static final String TRANSACTION_MODEL = "clv.model.transaction-model";
    public static final String HORIZON_DAYS = "clv.predict.horizon-days";
    public static final String HORIZON_MONTHS = "clv.predict.horizon-months";
    public static final String MONTHLY_DISCOUNT = "clv.predict.monthly-discount";
    public static final String PRIOR = "clv.model.prior.";
    public static final String SUMMARY_INTERVAL = "clv.model.summary-interval";
    public static final String SAMPLE_SIZE = "clv.model.summary.sample-size";
    public static final String REFIT_INTERVAL = "clv.model.refit-interval";
    public static final String MIN_CUSTOMERS = "clv.model.min-customers";
    public static final String AT_RISK_P_ALIVE = "clv.alert.at-risk.p-alive";

    /** An RFM summary record must stay well below Kafka's default 1 MB message size (about 12 bytes a customer). */
    static final int MAX_SAMPLE_SIZE = 50_000;

    public PredictConfig {
        if (!(horizonDays > 0) || horizonMonths < 0 || !(monthlyDiscount > -1)) {
            throw new IllegalArgumentException(HORIZON_DAYS + " > 0, " + HORIZON_MONTHS + " >= 0 and "
                + MONTHLY_DISCOUNT + " > -1 required");
        }
        if (sampleSize < 10 || sampleSize > MAX_SAMPLE_SIZE) {
            throw new IllegalArgumentException(SAMPLE_SIZE + " must be in [10, " + MAX_SAMPLE_SIZE + "], got " + sampleSize);
        }
        if (!(atRiskPAlive > 0 && atRiskPAlive < 1)) {
            throw new IllegalArgumentException(AT_RISK_P_ALIVE + " must be in (0, 1), got " + atRiskPAlive);
        }
        if (summaryInterval.isZero() || summaryInterval.isNegative() || refitInterval.isNegative() || minCustomers < 1) {
            throw new IllegalArgumentException(SUMMARY_INTERVAL + " > 0, " + REFIT_INTERVAL + " >= 0 and "
                + MIN_CUSTOMERS + " >= 1 required");
        }
    }

    /**
     * Where scoring evaluates E[Y]: the predictive CLV's month ends and, last, the horizon, in {@code unit} (a
     * published fit may use another unit than the configured one).
     */
    public double[] scoringHorizons(ModelTimeUnit unit) {
        final double[] horizons = PredictiveClv.monthlyHorizons(horizonMonths, unit.monthLength(), 1);
        horizons[horizonMonths] = unit.fromDays(horizonDays);
        return horizons;
    }

    public static PredictConfig defaults() {
        return from(Map.of());
    }

    public static PredictConfig from(Map<String, ?> config) {
        return new PredictConfig(
            ModelTimeUnit.parse(get(config, TIME_UNIT, "DAYS")),
            TransactionModelType.valueOf(get(config, TRANSACTION_MODEL, "BG_NBD").toUpperCase(Locale.ROOT).replace('-', '_')),
            number(config, HORIZON_DAYS, "365"),
            (int) number(config, HORIZON_MONTHS, "12"),
            number(config, MONTHLY_DISCOUNT, "0.01"),
            new BgNbdParams(number(config, PRIOR + "r", "0.243"), number(config, PRIOR + "alpha-days", "30.898"),
                number(config, PRIOR + "a", "0.793"), number(config, PRIOR + "b", "2.426")),
            new ParetoNbdParams(number(config, PRIOR + "pareto.r", "0.553"),
                number(config, PRIOR + "pareto.alpha-days", "74.046"), number(config, PRIOR + "pareto.s", "0.606"),
                number(config, PRIOR + "pareto.beta-days", "81.683")),
            new GammaGammaParams(number(config, PRIOR + "p", "6.25"), number(config, PRIOR + "q", "3.74"),
                number(config, PRIOR + "v", "15.44")),
            Duration.parse(get(config, SUMMARY_INTERVAL, "PT5M")),
            (int) number(config, SAMPLE_SIZE, "5000"),
            Duration.parse(get(config, REFIT_INTERVAL, "PT1H")),
            (long) number(config, MIN_CUSTOMERS, "500"),
            number(config, AT_RISK_P_ALIVE, "0.5"));
    }

    private static double number(Map<String, ?> config, String key, String fallback) {
        final String text = get(config, key, fallback);
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + text + "' is not a number");
        }
    }
}
