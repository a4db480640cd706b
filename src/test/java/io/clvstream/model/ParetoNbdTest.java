package io.clvstream.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParetoNbdTest {

    /**
     * Independent likelihood from the model definition (death time τ integrated numerically):
     * L = Γ(r+x)α^r β^s/Γ(r) · [ (α+T)^−(r+x)(β+T)^−s + s ∫_{t_x}^{T} (α+τ)^−(r+x) (β+τ)^−(s+1) dτ ].
     * Returns {survived term, died term} without the common prefactor.
     */
    static double[] likelihoodParts(ParetoNbdParams p, int x, double tx, double T) {
        double survived = Math.pow(p.alpha() + T, -(p.r() + x)) * Math.pow(p.beta() + T, -p.s());
        double died = tx >= T ? 0 : p.s() * Quadrature.integrate(
                tau -> Math.pow(p.alpha() + tau, -(p.r() + x)) * Math.pow(p.beta() + tau, -(p.s() + 1)), tx, T,
                1e-22);
        return new double[] {survived, died};
    }

    static double logPrefactor(ParetoNbdParams p, int x) {
        return Gamma.logGamma(p.r() + x) - Gamma.logGamma(p.r()) + p.r() * Math.log(p.alpha())
                + p.s() * Math.log(p.beta());
    }

    @ParameterizedTest
    @CsvSource({
        // r, alpha, s, beta, x, tx, T: both branches α < β and α ≥ β
        "0.55, 10.58, 0.61, 11.67, 2, 30.43, 38.86",
        "0.55, 10.58, 0.61, 11.67, 0, 0, 38.86",
        "0.55, 10.58, 0.61, 11.67, 15, 37, 38",
        "0.8, 20, 1.3, 4, 3, 5, 30",
        "2.0, 3, 0.4, 40, 7, 12, 60",
    })
    void likelihoodAndPAliveMatchTheIntegralDefinition(double r, double alpha, double s, double beta, int x,
                                                       double tx, double T) {
        ParetoNbdParams p = new ParetoNbdParams(r, alpha, s, beta);
        double[] parts = likelihoodParts(p, x, tx, T);
        double expectedLl = logPrefactor(p, x) + Math.log(parts[0] + parts[1]);
        assertThat(ParetoNbd.logLikelihood(p, x, tx, T)).isCloseTo(expectedLl, within(1e-9));
        double expectedPAlive = parts[0] / (parts[0] + parts[1]);
        assertThat(new ParetoNbdScorer(p).pAlive(x, tx, T)).isCloseTo(expectedPAlive, within(1e-10));
    }

    @ParameterizedTest
    @CsvSource({
        "0.55, 10.58, 0.61, 11.67, 2, 30.43, 38.86, 39",
        "0.8, 20, 1.0, 4, 3, 5, 30, 100",
        "2.0, 3, 1.7, 40, 7, 12, 60, 4.345",
    })
    void conditionalExpectationMatchesIntegration(double r, double alpha, double s, double beta, int x, double tx,
                                                  double T, double t) {
        ParetoNbdParams p = new ParetoNbdParams(r, alpha, s, beta);
        ParetoNbdScorer scorer = new ParetoNbdScorer(p);
        // alive ⇒ λ ~ Gamma(r+x, α+T), μ ~ Gamma(s, β+T); E[Y(t)|λ,μ] = ∫_0^t λ e^(−μu) du
        double integral = Quadrature.integrate(u -> Math.pow((beta + T) / (beta + T + u), s), 0, t, 1e-13);
        double expected = scorer.pAlive(x, tx, T) * (r + x) / (alpha + T) * integral;
        assertThat(scorer.expectedPurchases(t, x, tx, T)).isCloseTo(expected, within(1e-10));
        double unconditional = r / alpha * Quadrature.integrate(u -> Math.pow(beta / (beta + u), s), 0, t, 1e-13);
        assertThat(scorer.expectedPurchases(t)).isCloseTo(unconditional, within(1e-10));
    }

    @Test
    void fitsCdnowToThePublishedParameters() {
        FitResult<ParetoNbdParams> fit = ParetoNbd.fit(Cdnow.rfmRows());
        assertThat(fit.converged()).as(fit.message()).isTrue();
        ParetoNbdParams p = fit.params();
        // Fader, Hardie & Lee (2005), Table 1 (Pareto/NBD on the same CDNOW sample):
        // r = 0.553, α = 10.578, s = 0.606, β = 11.669, LL = −9595.0
        assertThat(p.r()).isCloseTo(0.553, within(0.001));
        assertThat(p.alpha()).isCloseTo(10.578, within(0.01));
        assertThat(p.s()).isCloseTo(0.606, within(0.001));
        assertThat(p.beta()).isCloseTo(11.669, within(0.02));
        assertThat(fit.logLikelihood()).isCloseTo(-9595.0, within(0.05));
    }

    @Test
    void timeWhenPAliveBelowIsTheCrossing() {
        ParetoNbdScorer scorer = new ParetoNbdScorer(new ParetoNbdParams(0.55, 10.58, 0.61, 11.67));
        for (int x : new int[] {0, 1, 6}) {
            double tx = x == 0 ? 0 : 10;
            double due = scorer.timeWhenPAliveBelow(0.4, x, tx);
            assertThat(due).isFinite().isGreaterThanOrEqualTo(tx);
            assertThat(scorer.pAlive(x, tx, due)).isCloseTo(0.4, within(1e-8));
        }
    }

    @Test
    void commonInterfaceLetsCallersPickTheModel() {
        List<TransactionModel> models = List.of(new BgNbdScorer(new BgNbdParams(0.243, 4.414, 0.793, 2.426)),
                new ParetoNbdScorer(new ParetoNbdParams(0.553, 10.578, 0.606, 11.669)));
        for (TransactionModel m : models) {
            double e = m.expectedPurchases(39, 2, 30.43, 38.86);
            assertThat(e).isBetween(0.5, 2.0);
            assertThat(m.pAlive(2, 30.43, 38.86)).isBetween(0.0, 1.0);
        }
    }

    @Test
    void degenerateInputsReportFailureNotNaN() {
        FitResult<ParetoNbdParams> none = ParetoNbd.fit(List.of(new RfmRow(0, 0, 10, 100)));
        assertThat(none.usable()).isFalse();
        assertThat(none.params()).isNull();
        assertThat(none.logLikelihood()).isNotNaN();
        assertThat(ParetoNbd.fit(List.of(RfmRow.of(2, 3, 9))).usable()).isFalse();
    }
}
