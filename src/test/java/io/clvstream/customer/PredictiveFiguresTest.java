package io.clvstream.customer;

import static io.clvstream.customer.CustomerLedgerTest.purchase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clvstream.avro.internal.CustomerState;
import io.clvstream.model.BgNbdParams;
import io.clvstream.model.BgNbdScorer;
import io.clvstream.model.GammaGammaParams;
import io.clvstream.predict.ModelTimeUnit;
import io.clvstream.predict.PredictConfig;
import io.clvstream.predict.ScoringModel;
import org.junit.jupiter.api.Test;

class PredictiveFiguresTest {

    /**
     * A BG/NBD fit on the edge of its parameter space, as the demo's first refit produced it on a young population:
     * no dropout (a → 0, b large). Its expectation's 2F1 series do not converge for a one-time buyer.
     */
    static final BgNbdParams NO_DROPOUT = new BgNbdParams(0.36, 10.0, 3.5566e-7, 52_634.26);
    /** Fader, Hardie &amp; Lee's CDNOW parameters (weeks), for a model that scores everyone. */
    static final BgNbdParams CDNOW = new BgNbdParams(0.243, 4.414, 0.793, 2.426);
    static final GammaGammaParams SPEND = new GammaGammaParams(6.25, 3.74, 15.44);

    private final CustomerLedger ledger = new CustomerLedger(CustomerTopologyConfig.defaults());
    private final PredictiveFigures figures = new PredictiveFigures(PredictConfig.defaults());

    @Test
    void aModelThatCannotScoreACustomerLeavesOnlyThePredictiveFiguresEmpty() {
        final CustomerState oneTimeBuyer = CustomerLedger.empty();
        ledger.apply(oneTimeBuyer, purchase("a", 0, 5_000));
        final long asOf = oneTimeBuyer.getLatestEventAt() + 30L * 86_400_000;
        final ScoringModel edge = new ScoringModel(7L, new BgNbdScorer(NO_DROPOUT), SPEND, ModelTimeUnit.DAYS);
        // The premise: the series itself gives up on these parameters.
        assertThatThrownBy(() -> edge.transactions().expectedPurchases(new double[] {30, 365}, 2, 0, 0, 30, new double[2]))
            .isInstanceOf(ArithmeticException.class);

        assertThat(figures.score(edge, oneTimeBuyer, asOf)).isNull();
        // And the same state scores under a model within range, so the null is the model's, not the customer's.
        final ScoringModel cdnow = new ScoringModel(8L, new BgNbdScorer(CDNOW), SPEND, ModelTimeUnit.WEEKS);
        final CustomerScore score = figures.score(cdnow, oneTimeBuyer, asOf);
        assertThat(score).isNotNull();
        assertThat(score.pAlive()).isEqualTo(1.0);
        assertThat(score.expectedPurchases()).isPositive();
        assertThat(score.modelVersion()).isEqualTo(8L);
    }
}
