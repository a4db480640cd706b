package io.clvstream.model.bench;

import io.clvstream.model.BgNbd;
import io.clvstream.model.BgNbdParams;
import io.clvstream.model.BtydSimulator;
import io.clvstream.model.FitResult;
import io.clvstream.model.RfmBinner;
import io.clvstream.model.RfmRow;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A cold BG/NBD maximum-likelihood fit of a simulated population, the way the model topology fits the live
 * base: customers drawn by {@link BtydSimulator} from the CDNOW parameters (Gamma-Gamma too, though only the
 * transactions are fitted), acquired uniformly over one year of weeks and binned to one day (1/7 week) by
 * {@link RfmBinner} (a million customers become about 178,000 weighted rows). Simulation and binning happen once
 * per trial; each invocation is one complete fit, so the mode is single-shot time.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
@State(Scope.Benchmark)
public class FitBenchmark {

    @Param({"1000000"})
    public int customers;

    private List<RfmRow> rows;
    private FitResult<BgNbdParams> last;

    @Setup
    public void simulate() {
        final long seed = 1;
        final BtydSimulator simulator = new BtydSimulator(ScoringBenchmark.CDNOW_BG_NBD,
            ScoringBenchmark.CDNOW_GAMMA_GAMMA, seed);
        final Random ages = new Random(seed + 1);
        final RfmBinner binner = new RfmBinner(1.0 / 7);
        for (int i = 0; i < customers; i++) {
            final BtydSimulator.SimulatedCustomer c = simulator.next(52 * ages.nextDouble());
            binner.add(c.x(), c.tx(), c.T());
        }
        rows = binner.rows();
    }

    @Benchmark
    public FitResult<BgNbdParams> bgNbdFit() {
        last = BgNbd.fit(rows);
        return last;
    }

    /** A benchmark of a fit that silently stopped converging would time the wrong thing: fail the run instead. */
    @TearDown
    public void check() {
        if (last == null || !last.usable()) {
            throw new IllegalStateException("BG/NBD fit did not converge: " + last);
        }
        System.out.printf("%n%,d customers in %,d rows; fitted %s (true %s), %d evaluations%n", customers,
            rows.size(), last.params(), ScoringBenchmark.CDNOW_BG_NBD, last.evaluations());
    }
}
