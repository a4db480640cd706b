package io.clvstream.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** Scoring runs per event in the stream: it must not allocate (no boxing, no temporary arrays). */
class ScoringAllocationTest {

    /** The stream keeps its horizons and results, as these (see PredictiveFigures). */
    private static final double[] HORIZONS = PredictiveClv.monthlyHorizons(12, 4.345, 0);
    private static final double[] EXPECTATIONS = new double[12];

    @Test
    void scoringDoesNotAllocate() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        TransactionModel bg = new BgNbdScorer(new BgNbdParams(0.243, 4.414, 0.793, 2.426));
        TransactionModel pareto = new ParetoNbdScorer(new ParetoNbdParams(0.553, 10.578, 0.606, 11.669));
        GammaGammaParams gg = new GammaGammaParams(6.25, 3.74, 15.44);
        double sink = score(bg, pareto, gg, 2_000);
        long before = threads.getCurrentThreadAllocatedBytes();
        sink += score(bg, pareto, gg, 20_000);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(sink).isFinite();
        // a few hundred bytes of slack for the measurement itself; one object per call would be ≥ 320 KB
        assertThat(allocated).isLessThan(4_096);
    }

    private static double score(TransactionModel bg, TransactionModel pareto, GammaGammaParams gg, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            int x = i % 7;
            double tx = x == 0 ? 0 : 3 + i % 20;
            double T = 30 + i % 9;
            for (int k = 0; k < 2; k++) {
                TransactionModel m = k == 0 ? bg : pareto;
                sum += m.pAlive(x, tx, T) + m.expectedPurchases(39, x, tx, T);
                m.expectedPurchases(HORIZONS, 12, x, tx, T, EXPECTATIONS);
                sum += PredictiveClv.discountedIncrements(EXPECTATIONS, 12, 0.01) * gg.expectedAverageValue(x, 20);
            }
            sum += bg.timeWhenPAliveBelow(0.3, x, tx) < Double.POSITIVE_INFINITY ? 1 : 0;
        }
        return sum;
    }
}
