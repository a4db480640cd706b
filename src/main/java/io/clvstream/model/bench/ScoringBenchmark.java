package io.clvstream.model.bench;

import io.clvstream.model.BgNbdParams;
import io.clvstream.model.BgNbdScorer;
import io.clvstream.model.PredictiveClv;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;

/**
 * A plain-main micro-benchmark (not JMH: no forking, crude warm-up; good for orders of magnitude, not
 * for small differences) of the per-customer scoring math: P(alive), expected purchases (the 2F1
 * evaluation) and the 12-month discounted predictive CLV, on random RFM values. Reports CPU time per
 * call, which means more than wall time on a shared machine. A manual benchmark, not a test:
 * {@code java -cp target/clv-stream.jar io.clvstream.model.bench.ScoringBenchmark [calls]}.
 */
public final class ScoringBenchmark {

    private static final BgNbdScorer SCORER = new BgNbdScorer(new BgNbdParams(0.243, 4.414, 0.793, 2.426));

    private ScoringBenchmark() {
    }

    public static void main(String[] args) {
        final int calls = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        for (int round = 0; round < 3; round++) {
            // Rounds 1-2 are warm-up for the JIT; the last one is the result.
            final boolean report = round == 2;
            time("pAlive", calls, report, (x, tx, T) -> SCORER.pAlive(x, tx, T));
            time("expectedPurchases(52 weeks)", calls, report, (x, tx, T) -> SCORER.expectedPurchases(52, x, tx, T));
            time("PredictiveClv.clv(12 months)", calls / 10, report,
                (x, tx, T) -> PredictiveClv.clv(SCORER, x, tx, T, 35.0, 12, 0.01, PredictiveClv.WEEKS_PER_MONTH));
        }
    }

    @FunctionalInterface
    private interface Score {
        double apply(int x, double tx, double T);
    }

    private static void time(String name, int calls, boolean report, Score score) {
        final SplittableRandom random = new SplittableRandom(1);
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double sink = 0;
        final long cpu = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < calls; i++) {
            final double T = 1 + random.nextDouble() * 77;
            final int x = random.nextInt(20);
            sink += score.apply(x, x == 0 ? 0 : random.nextDouble() * T, T);
        }
        final double nanosPerCall = (double) (threads.getCurrentThreadCpuTime() - cpu) / calls;
        if (report) {
            System.out.printf("%-30s %,10.0f ns/call CPU (%,d calls, checksum %.3f)%n", name, nanosPerCall, calls, sink);
        }
    }
}
