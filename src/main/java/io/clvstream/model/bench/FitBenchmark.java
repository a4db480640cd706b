package io.clvstream.model.bench;

import io.clvstream.model.BgNbd;
import io.clvstream.model.BgNbdParams;
import io.clvstream.model.BtydSimulator;
import io.clvstream.model.FitResult;
import io.clvstream.model.GammaGammaParams;
import io.clvstream.model.RfmBinner;
import io.clvstream.model.RfmRow;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Random;

/**
 * Times a cold BG/NBD fit on N simulated customers (default 1,000,000) collapsed into binned rows, the way the
 * model topology will fit the population. Customers are acquired uniformly over one year of weeks and binned to
 * one day (1/7 week). A manual benchmark, not a test:
 * {@code java -cp target/classes:<hipparchus jars> io.clvstream.model.bench.FitBenchmark [customers] [seed]}.
 */
public final class FitBenchmark {

    private FitBenchmark() {
    }

    public static void main(String[] args) {
        int customers = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1L;
        BgNbdParams truth = new BgNbdParams(0.243, 4.414, 0.793, 2.426);
        BtydSimulator simulator = new BtydSimulator(truth, new GammaGammaParams(6.25, 3.74, 15.44), seed);
        Random ages = new Random(seed + 1);
        RfmBinner binner = new RfmBinner(1.0 / 7);

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        for (int i = 0; i < customers; i++) {
            BtydSimulator.SimulatedCustomer c = simulator.next(52 * ages.nextDouble());
            binner.add(c.x(), c.tx(), c.T());
        }
        List<RfmRow> rows = binner.rows();
        long simulated = System.nanoTime();
        long cpuBefore = threads.getCurrentThreadCpuTime();
        FitResult<BgNbdParams> fit = BgNbd.fit(rows);
        long fitted = System.nanoTime();
        // CPU time too: wall time is meaningless on a shared, overloaded machine
        long fitCpu = threads.getCurrentThreadCpuTime() - cpuBefore;

        System.out.printf("customers=%d rows=%d simulate+bin=%.2fs%n", customers, rows.size(),
                (simulated - start) / 1e9);
        System.out.printf("fit=%.2fs wall, %.2fs cpu, evaluations=%d converged=%s (%s)%n",
                (fitted - simulated) / 1e9, fitCpu / 1e9, fit.evaluations(), fit.converged(), fit.message());
        System.out.printf("true   %s%nfitted %s logLikelihood=%.2f%n", truth, fit.params(), fit.logLikelihood());
    }
}
