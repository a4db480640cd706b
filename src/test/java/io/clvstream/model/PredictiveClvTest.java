package io.clvstream.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PredictiveClvTest {

    private static final BgNbdParams BG = new BgNbdParams(0.243, 4.414, 0.793, 2.426);
    private static final GammaGammaParams GG = new GammaGammaParams(6.25, 3.74, 15.44);

    @Test
    void discountedSumMatchesIndependentlyIntegratedExpectations() {
        BgNbdScorer scorer = new BgNbdScorer(BG);
        int x = 2;
        double tx = 30.43;
        double T = 38.86;
        double spend = GG.expectedAverageValue(x, 22.35);
        double expected = 0;
        double previous = 0;
        for (int i = 1; i <= 12; i++) {
            double cumulative = BgNbdScorerTest.expectedByIntegration(BG, i * 4.345, x, tx, T, scorer.pAlive(x, tx, T));
            expected += (cumulative - previous) * spend / Math.pow(1.01, i);
            previous = cumulative;
        }
        double clv = PredictiveClv.clv(scorer, x, tx, T, spend, 12, 0.01, PredictiveClv.WEEKS_PER_MONTH);
        assertThat(clv).isCloseTo(expected, within(1e-8));
        assertThat(PredictiveClv.clv(scorer, x, tx, T, spend, 12, 0.01, PredictiveClv.WEEKS_PER_MONTH, 0.3))
                .isCloseTo(0.3 * expected, within(1e-8));
    }

    @Test
    void withoutDiscountingTheSumTelescopes() {
        TransactionModel model = new ParetoNbdScorer(new ParetoNbdParams(0.553, 10.578, 0.606, 11.669));
        double clv = PredictiveClv.clv(model, 3, 20, 38, 40.0, 24, 0.0, 30.0);
        assertThat(clv).isCloseTo(40.0 * model.expectedPurchases(720, 3, 20, 38), within(1e-9));
        assertThat(PredictiveClv.clv(model, 3, 20, 38, 40.0, 0, 0.01, 30.0)).isZero();
    }

    @Test
    void daysAndWeeksGiveTheSameClvForTheSameMonth() {
        // same physical month of 30 days in both units; parameters rescaled α × 7
        BgNbdScorer weeks = new BgNbdScorer(BG);
        BgNbdScorer days = new BgNbdScorer(BG.scaleTime(7));
        double inWeeks = PredictiveClv.clv(weeks, 2, 30.43, 38.86, 35, 12, 0.01, 30.0 / 7);
        double inDays = PredictiveClv.clv(days, 2, 30.43 * 7, 38.86 * 7, 35, 12, 0.01, 30.0);
        assertThat(inDays).isCloseTo(inWeeks, within(1e-9));
    }
}
