package io.clvstream.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.hipparchus.random.RandomDataGenerator;
import org.hipparchus.special.Beta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BgNbdScorerTest {

    private static final BgNbdParams CDNOW = new BgNbdParams(0.243, 4.414, 0.793, 2.426);
    private final BgNbdScorer scorer = new BgNbdScorer(CDNOW);

    /**
     * Independent E[Y(t) | x, t_x, T] from the model definition, not from eq. 10: given alive, λ ~ Gamma(r+x, α+T)
     * and p ~ Beta(a, b+x) a posteriori, and E[Y(t) | λ, p, alive] = (1 − e^(−λpt))/p, so
     * E[Y(t)] = P(alive) · ∫ (1/p)(1 − ((α+T)/(α+T+pt))^(r+x)) Beta(p; a, b+x) dp, integrated numerically with
     * p = u^(1/a) to remove the p^(a−1) endpoint singularity.
     */
    static double expectedByIntegration(BgNbdParams p, double t, int x, double tx, double T, double pAlive) {
        double a = p.a();
        double bx = p.b() + x;
        double aT = p.alpha() + T;
        double rx = p.r() + x;
        double logNorm = Beta.logBeta(a, bx);
        double integral = Quadrature.integrate(u -> {
            if (u <= 0 || u >= 1) {
                return 0;
            }
            double prob = Math.pow(u, 1 / a);
            double inner = -Math.expm1(-rx * Math.log1p(prob * t / aT)) / prob;
            return inner * Math.exp((bx - 1) * Math.log1p(-prob) - logNorm) / a;
        }, 0, 1, 1e-13);
        return pAlive * integral;
    }

    @Test
    void pAliveIsOneWithoutRepeatPurchasesAndMatchesTheClosedForm() {
        assertThat(scorer.pAlive(0, 0, 38.86)).isEqualTo(1.0);
        assertThat(scorer.pAlive(0, 0, 1e6)).isEqualTo(1.0);
        // 1 / (1 + a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)) for x=2, t_x=30.43, T=38.86
        double odds = 0.793 / (2.426 + 1) * Math.pow((4.414 + 38.86) / (4.414 + 30.43), 2.243);
        assertThat(scorer.pAlive(2, 30.43, 38.86)).isCloseTo(1 / (1 + odds), within(1e-15));
        assertThat(scorer.pAlive(5, 2, 38.86)).isLessThan(scorer.pAlive(5, 30, 38.86));
    }

    @Test
    void publishedConditionalExpectationExample() {
        // Fader, Hardie & Lee (2005), §5: x=2, t_x=30.43, T=38.86 → E[Y(39)] = 1.226 with the CDNOW parameters
        assertThat(scorer.expectedPurchases(39, 2, 30.43, 38.86)).isCloseTo(1.226, within(0.0005));
    }

    @ParameterizedTest
    @CsvSource({
        // t, x, t_x, T: typical, no repeat, heavy buyer, long horizons where z = t/(α+T+t) > 0.9 (connection formula)
        "39, 2, 30.43, 38.86",
        "39, 0, 0, 38.86",
        "52, 25, 37.0, 38.0",
        "4.345, 1, 1.71, 38.86",
        "520, 3, 20, 30",
        "2000, 0, 0, 0.5",
        "300, 40, 35, 36",
    })
    void conditionalExpectationMatchesDirectIntegration(double t, int x, double tx, double T) {
        double expected = expectedByIntegration(CDNOW, t, x, tx, T, scorer.pAlive(x, tx, T));
        assertThat(scorer.expectedPurchases(t, x, tx, T)).isCloseTo(expected, within(1e-9 * Math.max(1, expected)));
    }

    @Test
    void manyHorizonsAtOnceMatchDirectIntegration() {
        double[] t = {4.345, 8.69, 0, 26.07, 52.14, 52.142857, 300, 2000};
        double[] into = new double[t.length];
        for (double[] customer : new double[][] {{2, 30.43, 38.86}, {0, 0, 38.86}, {25, 37, 38}, {1, 1.71, 1.9},
                {1030, 60, 61}}) {
            int x = (int) customer[0];
            scorer.expectedPurchases(t, t.length, x, customer[1], customer[2], into);
            for (int i = 0; i < t.length; i++) {
                double expected = t[i] == 0 ? 0
                    : expectedByIntegration(CDNOW, t[i], x, customer[1], customer[2], scorer.pAlive(x, customer[1], customer[2]));
                assertThat(into[i]).as("x=%d t=%s", x, t[i]).isCloseTo(expected, within(1e-9 * Math.max(1, expected)));
            }
        }
    }

    @Test
    void worksForADropoutShapeAboveAndAtOne() {
        for (double a : new double[] {1.7, 1.0, 1.0 + 3e-7}) {
            BgNbdParams p = new BgNbdParams(0.5, 10, a, 3);
            BgNbdScorer s = new BgNbdScorer(p);
            double expected = expectedByIntegration(p, 50, 3, 20, 30, s.pAlive(3, 20, 30));
            assertThat(s.expectedPurchases(50, 3, 20, 30)).as("a=%s", a).isCloseTo(expected, within(1e-8));
        }
    }

    @Test
    void unconditionalExpectationMatchesIntegrationAndIsTheNewCustomerCase() {
        for (double t : new double[] {1, 39, 78, 500}) {
            // E[X(t)] = ∫ (1/p)(1 − (α/(α+pt))^r) Beta(p; a, b) dp
            double expected = expectedByIntegration(new BgNbdParams(CDNOW.r(), CDNOW.alpha(), CDNOW.a(), CDNOW.b()),
                    t, 0, 0, 0, 1.0);
            assertThat(scorer.expectedPurchases(t)).isCloseTo(expected, within(1e-9 * Math.max(1, expected)));
            assertThat(scorer.expectedPurchases(t)).isCloseTo(scorer.expectedPurchases(t, 0, 0, 0), within(1e-12));
        }
        assertThat(scorer.expectedPurchases(0)).isZero();
        assertThat(scorer.expectedPurchases(0, 2, 30.43, 38.86)).isZero();
    }

    @Test
    void timeWhenPAliveDropsBelowThresholdAgreesWithBisection() {
        double threshold = 0.3;
        int x = 4;
        double tx = 12;
        double tStar = scorer.timeWhenPAliveBelow(threshold, x, tx);
        double lo = tx;
        double hi = 1e6;
        for (int i = 0; i < 200; i++) {
            double mid = 0.5 * (lo + hi);
            if (scorer.pAlive(x, tx, mid) < threshold) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        assertThat(tStar).isCloseTo(lo, within(1e-9 * lo));
        assertThat(scorer.pAlive(x, tx, tStar)).isCloseTo(threshold, within(1e-12));
        assertThat(scorer.timeWhenPAliveBelow(threshold, 0, 0)).isInfinite();
        // a customer whose P(alive) right after a purchase is already below the threshold is due at once
        assertThat(scorer.timeWhenPAliveBelow(0.99, 1, 5)).isEqualTo(5.0);
    }

    @Test
    void medianTimeToNextPurchaseMatchesSimulation() {
        int x = 3;
        double T = 30;
        double median = scorer.medianTimeToNextPurchase(x, 20, T);
        RandomDataGenerator random = new RandomDataGenerator(42);
        int n = 200_000;
        int before = 0;
        for (int i = 0; i < n; i++) {
            double lambda = random.nextGamma(CDNOW.r() + x, 1 / (CDNOW.alpha() + T));
            if (random.nextExponential(1 / lambda) <= median) {
                before++;
            }
        }
        // binomial standard error at n = 200,000 is 0.0011
        assertThat(before / (double) n).isCloseTo(0.5, within(0.005));
    }
}
