package io.clvstream.predict;

import io.clvstream.avro.ModelParams;
import io.clvstream.avro.internal.RfmSampleEntry;
import io.clvstream.avro.internal.RfmSummary;
import io.clvstream.model.BgNbd;
import io.clvstream.model.BgNbdParams;
import io.clvstream.model.FitResult;
import io.clvstream.model.GammaGamma;
import io.clvstream.model.GammaGammaParams;
import io.clvstream.model.ParetoNbd;
import io.clvstream.model.ParetoNbdParams;
import io.clvstream.model.RfmBinner;
import io.clvstream.model.RfmRow;
import io.clvstream.model.SpendRow;
import io.clvstream.model.TransactionModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the latest RFM summary of every source partition and fits the transaction model and Gamma-Gamma on
 * it (the model package does the maths). Each entry is placed against its own summary's as-of time and weighted
 * by the customers it stands for; (x, t_x, T) are binned to one day, which is exact for day-aligned as-of times
 * and otherwise moves T by at most half a day. Pure: summaries in, parameters (or why not) out.
 */
public final class PopulationRefit {

    private static final double DAY_MS = 86_400_000.0;

    /** A fit worth publishing ({@code params} set) or the reason there is none ({@code failure}). */
    public record Outcome(ModelParams params, String failure) {
    }

    private PopulationRefit() {
    }

    /** Customers the summaries stand for (the sum of their weights). */
    public static double customers(Collection<RfmSummary> summaries) {
        double customers = 0;
        for (final RfmSummary summary : summaries) {
            customers += summary.getWeight() * summary.getEntries().size();
        }
        return customers;
    }

    /**
     * Fits, warm-started from {@code previous} (null for a cold start) when it used the same transaction model.
     *
     * @param fittedAtMs the fitter's clock, recorded as {@code fittedAt}
     */
    public static Outcome fit(Collection<RfmSummary> summaries, ModelParams previous, PredictConfig config,
                              long version, long fittedAtMs) {
        final long started = System.nanoTime();
        final ModelTimeUnit unit = config.timeUnit();
        final RfmBinner binner = new RfmBinner(unit.fromDays(1));
        final Map<SpendKey, double[]> spend = new HashMap<>();
        for (final RfmSummary summary : summaries) {
            for (final RfmSampleEntry e : summary.getEntries()) {
                final double age = unit.fromMillis(summary.getAsOf() - e.getFirstDay() * DAY_MS);
                final double recency = unit.fromDays(e.getRecencyDays());
                if (age < recency) {
                    continue;  // a purchase after the as-of time (out-of-order replay); not a valid row at this as-of
                }
                binner.add(e.getX(), recency, age, summary.getWeight());
                if (e.getX() > 0 && e.getRepeatCents() > 0) {
                    spend.computeIfAbsent(new SpendKey(e.getX(), e.getRepeatCents()), k -> new double[1])[0] +=
                        summary.getWeight();
                }
            }
        }
        final List<RfmRow> rows = binner.rows();
        final List<SpendRow> spendRows = new ArrayList<>(spend.size());
        spend.forEach((k, w) -> spendRows.add(new SpendRow(k.x(), k.repeatCents() / 100.0 / k.x(), w[0])));

        final ModelParams.Builder out = ModelParams.newBuilder()
            .setVersion(version).setFittedAt(java.time.Instant.ofEpochMilli(fittedAtMs))
            .setCustomers(Math.round(customers(summaries))).setTimeUnit(unit.name())
            .setTransactionModel(config.transactionModel().name());
        final FitResult<?> transactions;
        if (config.transactionModel() == TransactionModelType.PARETO_NBD) {
            final FitResult<ParetoNbdParams> fit = ParetoNbd.fit(rows, warmPareto(previous, unit));
            transactions = fit;
            if (fit.usable()) {
                final ParetoNbdParams p = fit.params();
                out.setParetoNbd(new io.clvstream.avro.ParetoNbdParams(p.r(), p.alpha(), p.s(), p.beta(), fit.logLikelihood()));
            }
        } else {
            final FitResult<BgNbdParams> fit = BgNbd.fit(rows, warmBgNbd(previous, unit));
            transactions = fit;
            if (fit.usable()) {
                final BgNbdParams p = fit.params();
                out.setBgnbd(new io.clvstream.avro.BgNbdParams(p.r(), p.alpha(), p.a(), p.b(), fit.logLikelihood()));
            }
        }
        final FitResult<GammaGammaParams> spendFit = GammaGamma.fit(spendRows, warmSpend(previous));
        if (!transactions.usable() || !spendFit.usable()) {
            return new Outcome(null, config.transactionModel() + ": " + describe(transactions) + "; Gamma-Gamma: "
                + describe(spendFit));
        }
        final GammaGammaParams g = spendFit.params();
        double spendCustomers = 0;
        for (final SpendRow row : spendRows) {
            spendCustomers += row.weight();
        }
        out.setGammaGamma(new io.clvstream.avro.GammaGammaParams(g.p(), g.q(), g.v(), spendFit.logLikelihood(),
            Math.round(spendCustomers)));
        out.setConverged(true).setFitSeconds((System.nanoTime() - started) / 1e9)
            .setMessage(config.transactionModel() + ": " + describe(transactions) + "; Gamma-Gamma: " + describe(spendFit));
        final ModelParams params = out.build();
        // Scored as every instance will score it: the scorer built from the record it would read.
        final String unscorable = firstScoringFailure(ScoringModel.from(params).transactions(), rows,
            config.scoringHorizons(unit));
        if (unscorable != null) {
            return new Outcome(null, config.transactionModel() + ": " + describe(transactions)
                + ", but the parameters cannot be scored (" + unscorable + ")");
        }
        return new Outcome(params, null);
    }

    /**
     * Scores every fitted row where the stream scores (the same horizons, through the same calls) and returns why
     * one failed, or null. A fit can converge on the edge of the parameter space (no dropout: a → 0 with b large,
     * on a young population with few repeat purchases) where the 2F1 series of the expectation do not converge; publishing it would leave every instance without
     * predictive figures for those customers, so it is rejected and scoring stays on the previous version.
     */
    static String firstScoringFailure(TransactionModel scorer, List<RfmRow> rows, double[] horizons) {
        final double[] expectations = new double[horizons.length];
        for (final RfmRow row : rows) {
            try {
                scorer.pAlive(row.x(), row.tx(), row.T());
                scorer.expectedPurchases(horizons, horizons.length, row.x(), row.tx(), row.T(), expectations);
            } catch (ArithmeticException e) {
                return "x=" + row.x() + ", t_x=" + row.tx() + ", T=" + row.T() + ": " + e.getMessage();
            }
        }
        return null;
    }

    private static String describe(FitResult<?> fit) {
        return (fit.usable() ? "converged" : "not converged") + " after " + fit.iterations() + " iterations"
            + (fit.message() == null || fit.message().isBlank() ? "" : " (" + fit.message() + ")");
    }

    private static BgNbdParams warmBgNbd(ModelParams previous, ModelTimeUnit unit) {
        if (previous == null || previous.getBgnbd() == null) {
            return null;
        }
        final io.clvstream.avro.BgNbdParams p = previous.getBgnbd();
        return new BgNbdParams(p.getR(), p.getAlpha(), p.getA(), p.getB()).scaleTime(unitFactor(previous, unit));
    }

    private static ParetoNbdParams warmPareto(ModelParams previous, ModelTimeUnit unit) {
        if (previous == null || previous.getParetoNbd() == null) {
            return null;
        }
        final io.clvstream.avro.ParetoNbdParams p = previous.getParetoNbd();
        return new ParetoNbdParams(p.getR(), p.getAlpha(), p.getS(), p.getBeta()).scaleTime(unitFactor(previous, unit));
    }

    private static GammaGammaParams warmSpend(ModelParams previous) {
        if (previous == null || previous.getGammaGamma() == null) {
            return null;
        }
        final io.clvstream.avro.GammaGammaParams g = previous.getGammaGamma();
        return new GammaGammaParams(g.getP(), g.getQ(), g.getV());
    }

    /** Factor from the previous fit's unit to {@code unit} (weeks to days: 7). */
    private static double unitFactor(ModelParams previous, ModelTimeUnit unit) {
        return (double) ModelTimeUnit.parse(previous.getTimeUnit()).days() / unit.days();
    }

    private record SpendKey(int x, long repeatCents) {
    }
}
