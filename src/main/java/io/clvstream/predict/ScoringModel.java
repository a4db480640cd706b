package io.clvstream.predict;

import io.clvstream.avro.ModelParams;
import io.clvstream.model.BgNbdParams;
import io.clvstream.model.BgNbdScorer;
import io.clvstream.model.GammaGammaParams;
import io.clvstream.model.ParetoNbdParams;
import io.clvstream.model.ParetoNbdScorer;
import io.clvstream.model.TransactionModel;

/**
 * One parameter version ready to score: the transaction model's scorer (built once per version, not per
 * event), the spend model, and the unit both are in. {@code version} is null for the configured prior.
 */
public record ScoringModel(Long version, TransactionModel transactions, GammaGammaParams spend, ModelTimeUnit unit) {

    public boolean prior() {
        return version == null;
    }

    /** The configured prior in the configured unit and transaction model. */
    public static ScoringModel prior(PredictConfig config) {
        final double perDay = config.timeUnit().days();
        final TransactionModel transactions = config.transactionModel() == TransactionModelType.PARETO_NBD
            ? new ParetoNbdScorer(config.priorPareto().scaleTime(1 / perDay))
            : new BgNbdScorer(config.priorTransactions().scaleTime(1 / perDay));
        return new ScoringModel(null, transactions, config.priorSpend(), config.timeUnit());
    }

    /**
     * A published fit, in its own time unit and transaction model (the fitter's configuration wins over the
     * scorer's, so instances that disagree still score consistently with what was fitted).
     *
     * @throws IllegalArgumentException when the record lacks the parameters it names or they are invalid
     */
    public static ScoringModel from(ModelParams params) {
        final ModelTimeUnit unit = ModelTimeUnit.parse(params.getTimeUnit());
        final TransactionModel transactions;
        if (TransactionModelType.valueOf(params.getTransactionModel()) == TransactionModelType.PARETO_NBD) {
            final io.clvstream.avro.ParetoNbdParams p = require(params.getParetoNbd(), "paretoNbd");
            transactions = new ParetoNbdScorer(new ParetoNbdParams(p.getR(), p.getAlpha(), p.getS(), p.getBeta()));
        } else {
            final io.clvstream.avro.BgNbdParams p = require(params.getBgnbd(), "bgnbd");
            transactions = new BgNbdScorer(new BgNbdParams(p.getR(), p.getAlpha(), p.getA(), p.getB()));
        }
        final io.clvstream.avro.GammaGammaParams g = require(params.getGammaGamma(), "gammaGamma");
        return new ScoringModel(params.getVersion(), transactions, new GammaGammaParams(g.getP(), g.getQ(), g.getV()), unit);
    }

    private static <T> T require(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("ModelParams without " + field);
        }
        return value;
    }
}
