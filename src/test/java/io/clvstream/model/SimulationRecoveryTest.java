package io.clvstream.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulationRecoveryTest {

    private static final BgNbdParams TRUE_BG = new BgNbdParams(0.25, 4.0, 0.8, 2.5);
    private static final GammaGammaParams TRUE_GG = new GammaGammaParams(6.0, 4.0, 15.0);

    @Test
    void recoversBgNbdAndGammaGammaWithinFourStandardErrors() {
        BtydSimulator simulator = new BtydSimulator(TRUE_BG, TRUE_GG, 20_240_601L);
        java.util.Random ages = new java.util.Random(7);
        List<RfmRow> rfm = new ArrayList<>();
        List<SpendRow> spend = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            BtydSimulator.SimulatedCustomer c = simulator.next(26 + 78 * ages.nextDouble());
            rfm.add(c.rfm());
            if (c.x() > 0) {
                spend.add(SpendRow.of(c.x(), c.meanRepeatValue()));
            }
        }
        FitResult<BgNbdParams> bg = BgNbd.fit(rfm);
        assertThat(bg.converged()).as(bg.message()).isTrue();
        double[] mle = {bg.params().r(), bg.params().alpha(), bg.params().a(), bg.params().b()};
        double[] se = StandardErrors.of(
                v -> BgNbd.logLikelihood(new BgNbdParams(v[0], v[1], v[2], v[3]), rfm), mle);
        double[] truth = {0.25, 4.0, 0.8, 2.5};
        for (int i = 0; i < 4; i++) {
            assertThat(mle[i]).as("BG/NBD parameter %d (se %s)", i, se[i]).isCloseTo(truth[i], within(4 * se[i]));
        }

        FitResult<GammaGammaParams> gg = GammaGamma.fit(spend);
        assertThat(gg.converged()).as(gg.message()).isTrue();
        double[] ggMle = {gg.params().p(), gg.params().q(), gg.params().v()};
        double[] ggSe = StandardErrors.of(
                v -> GammaGamma.logLikelihood(new GammaGammaParams(v[0], v[1], v[2]), spend), ggMle);
        double[] ggTruth = {6.0, 4.0, 15.0};
        for (int i = 0; i < 3; i++) {
            assertThat(ggMle[i]).as("Gamma-Gamma parameter %d (se %s)", i, ggSe[i])
                    .isCloseTo(ggTruth[i], within(4 * ggSe[i]));
        }
    }

    @Test
    void simulatedPurchaseCountsMatchTheUnconditionalExpectation() {
        // E[X(t)] of eq. 9 against the sample mean of simulated repeat purchases at a common age
        BtydSimulator simulator = new BtydSimulator(TRUE_BG, TRUE_GG, 99L);
        int n = 50_000;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            int x = simulator.next(52).x();
            sum += x;
            sumSq += (double) x * x;
        }
        double mean = sum / n;
        double standardError = Math.sqrt((sumSq / n - mean * mean) / n);
        assertThat(mean).isCloseTo(new BgNbdScorer(TRUE_BG).expectedPurchases(52), within(4 * standardError));
    }

    @Test
    void binnedRowsGiveNearlyTheSameFit() {
        BtydSimulator simulator = new BtydSimulator(TRUE_BG, TRUE_GG, 5L);
        java.util.Random ages = new java.util.Random(11);
        List<RfmRow> raw = new ArrayList<>();
        RfmBinner binner = new RfmBinner(1.0 / 7);
        for (int i = 0; i < 10_000; i++) {
            BtydSimulator.SimulatedCustomer c = simulator.next(52 * ages.nextDouble());
            raw.add(c.rfm());
            binner.add(c.x(), c.tx(), c.T());
        }
        List<RfmRow> binned = binner.rows();
        assertThat(binned.size()).isLessThan(raw.size());
        assertThat(binned.stream().mapToDouble(RfmRow::weight).sum()).isEqualTo(10_000.0);
        BgNbdParams a = BgNbd.fit(raw).params();
        BgNbdParams b = BgNbd.fit(binned).params();
        assertThat(b.r()).isCloseTo(a.r(), within(0.01 * a.r()));
        assertThat(b.alpha()).isCloseTo(a.alpha(), within(0.01 * a.alpha()));
        assertThat(b.a()).isCloseTo(a.a(), within(0.01 * a.a()));
        assertThat(b.b()).isCloseTo(a.b(), within(0.01 * a.b()));
    }
}
