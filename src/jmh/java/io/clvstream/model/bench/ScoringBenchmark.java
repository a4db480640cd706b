package io.clvstream.model.bench;

import io.clvstream.model.BgNbdParams;
import io.clvstream.model.BgNbdScorer;
import io.clvstream.model.GammaGammaParams;
import io.clvstream.model.Hypergeometric;
import io.clvstream.model.ParetoNbdParams;
import io.clvstream.model.ParetoNbdScorer;
import io.clvstream.model.PredictiveClv;
import io.clvstream.model.TransactionModel;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-customer scoring math that {@code PredictiveFigures} runs on every purchase, refund and timer: P(alive),
 * E[Y(t)] over 52 weeks, the Gamma-Gamma expected order value, the 12-month discounted predictive CLV, and the
 * 2F1 evaluation inside BG/NBD's E[Y(t)]. Parameters are the published CDNOW fits in weeks (BG/NBD r = 0.243,
 * α = 4.414, a = 0.793, b = 2.426; Pareto/NBD r = 0.553, α = 10.578, s = 0.606, β = 11.669, the prior of
 * {@code PredictConfig}; Gamma-Gamma p = 6.25, q = 3.74, v = 15.44).
 *
 * <p>Each call scores the next of 1,024 fixed customers (x uniform in 0..19, T uniform in 1..78 weeks, t_x uniform
 * in (0, T)), so the JIT sees varying inputs it cannot constant-fold, and the cost is an average over
 * frequent and one-off buyers rather than one lucky point. Results are returned, so JMH consumes them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ScoringBenchmark {

    static final BgNbdParams CDNOW_BG_NBD = new BgNbdParams(0.243, 4.414, 0.793, 2.426);
    static final ParetoNbdParams CDNOW_PARETO_NBD = new ParetoNbdParams(0.553, 10.578, 0.606, 11.669);
    static final GammaGammaParams CDNOW_GAMMA_GAMMA = new GammaGammaParams(6.25, 3.74, 15.44);

    /** E[Y(t)] horizon: 52 weeks, the default one-year horizon in the CDNOW time unit. */
    static final double HORIZON_WEEKS = 52;
    static final int MONTHS = 12;
    static final double MONTHLY_DISCOUNT = 0.01;

    private static final int CUSTOMERS = 1 << 10;

    /** The fixed customers and a cursor over them; one per benchmark thread. */
    @State(Scope.Thread)
    public static class Customers {
        final int[] x = new int[CUSTOMERS];
        final double[] tx = new double[CUSTOMERS];
        final double[] age = new double[CUSTOMERS];
        final double[] meanValue = new double[CUSTOMERS];
        /** The month ends in weeks and, last, the 52-week horizon; and E[Y] at each, as PredictiveFigures keeps them. */
        final double[] horizons = PredictiveClv.monthlyHorizons(MONTHS, PredictiveClv.WEEKS_PER_MONTH, 1);
        final double[] expectations = new double[MONTHS + 1];
        private int cursor;

        @Setup
        public void generate() {
            horizons[MONTHS] = HORIZON_WEEKS;
            final SplittableRandom random = new SplittableRandom(1);
            for (int i = 0; i < CUSTOMERS; i++) {
                age[i] = 1 + random.nextDouble() * 77;
                x[i] = random.nextInt(20);
                tx[i] = x[i] == 0 ? 0 : random.nextDouble() * age[i];
                meanValue[i] = x[i] == 0 ? 0 : 5 + random.nextDouble() * 95;
            }
        }

        int next() {
            return cursor++ & (CUSTOMERS - 1);
        }
    }

    /** The transaction model, built once per parameter version as {@code ScoringModel} does. */
    @State(Scope.Benchmark)
    public static class Model {
        @Param({"BG_NBD", "PARETO_NBD"})
        public String model;

        TransactionModel transactions;

        @Setup
        public void build() {
            transactions = "PARETO_NBD".equals(model)
                ? new ParetoNbdScorer(CDNOW_PARETO_NBD)
                : new BgNbdScorer(CDNOW_BG_NBD);
        }
    }

    /**
     * The arguments {@link BgNbdScorer} passes to 2F1 for each customer at t = 52 weeks (Euler-transformed eq. 10:
     * 2F1(a+b−1−r, a−1; a+b+x−1; t/(α+T+t))); z ranges over about 0.39..0.90, mostly the direct series.
     */
    @State(Scope.Thread)
    public static class Eq10Arguments {
        final double[] c = new double[CUSTOMERS];
        final double[] z = new double[CUSTOMERS];
        /** Each customer's 2F1 prepared, one per purchase count as BgNbdScorer keeps them. */
        final Hypergeometric.Prepared[] prepared = new Hypergeometric.Prepared[CUSTOMERS];
        double upperA;
        double upperB;

        @Setup
        public void compute(Customers customers) {
            final BgNbdParams p = CDNOW_BG_NBD;
            upperA = p.a() + p.b() - 1 - p.r();
            upperB = p.a() - 1;
            for (int i = 0; i < CUSTOMERS; i++) {
                c[i] = p.a() + p.b() + customers.x[i] - 1;
                z[i] = HORIZON_WEEKS / (p.alpha() + customers.age[i] + HORIZON_WEEKS);
            }
            final Hypergeometric.Prepared[] byCount = new Hypergeometric.Prepared[20];
            for (int i = 0; i < CUSTOMERS; i++) {
                final int x = customers.x[i];
                if (byCount[x] == null) {
                    byCount[x] = new Hypergeometric.Prepared(upperA, upperB, c[i]);
                }
                prepared[i] = byCount[x];
            }
        }
    }

    @Benchmark
    public double pAlive(Model m, Customers c) {
        final int i = c.next();
        return m.transactions.pAlive(c.x[i], c.tx[i], c.age[i]);
    }

    @Benchmark
    public double expectedPurchases52Weeks(Model m, Customers c) {
        final int i = c.next();
        return m.transactions.expectedPurchases(HORIZON_WEEKS, c.x[i], c.tx[i], c.age[i]);
    }

    /** Gamma-Gamma E[M | x, m̄]: a handful of flops, here to show it is negligible beside the rest. */
    @Benchmark
    public double gammaGammaExpectedSpend(Customers c) {
        final int i = c.next();
        return CDNOW_GAMMA_GAMMA.expectedAverageValue(c.x[i], c.meanValue[i]);
    }

    /**
     * The predictive figures as {@code PredictiveFigures} computes them: E[Y] at the twelve month ends and the
     * 52-week horizon in one call (one shared 2F1 series under BG/NBD), the discounted CLV and E[M].
     */
    @Benchmark
    public double clv12MonthsAndHorizon(Model m, Customers c) {
        final int i = c.next();
        m.transactions.expectedPurchases(c.horizons, MONTHS + 1, c.x[i], c.tx[i], c.age[i], c.expectations);
        return clv(c, i) + c.expectations[MONTHS];
    }

    /** The same, E[Y] evaluated horizon by horizon as before the shared series: the A/B of that change. */
    @Benchmark
    public double clv12MonthsAndHorizonOneByOne(Model m, Customers c) {
        final int i = c.next();
        for (int k = 0; k <= MONTHS; k++) {
            c.expectations[k] = m.transactions.expectedPurchases(c.horizons[k], c.x[i], c.tx[i], c.age[i]);
        }
        return clv(c, i) + c.expectations[MONTHS];
    }

    private static double clv(Customers c, int i) {
        final double orderValue = CDNOW_GAMMA_GAMMA.expectedAverageValue(c.x[i], c.meanValue[i]);
        return PredictiveClv.discountedIncrements(c.expectations, MONTHS, MONTHLY_DISCOUNT) * orderValue;
    }

    /** The one-off 2F1, as BgNbdScorer calls it for purchase counts of 1,024 and more. */
    @Benchmark
    public double hypergeometric2F1(Eq10Arguments args, Customers c) {
        final int i = c.next();
        return Hypergeometric.value(args.upperA, args.upperB, args.c[i], args.z[i]);
    }

    /** The same 2F1 prepared, as BgNbdScorer calls it for a single horizon below 1,024 purchases. */
    @Benchmark
    public double hypergeometric2F1Prepared(Eq10Arguments args, Customers c) {
        final int i = c.next();
        return args.prepared[i].value(args.z[i]);
    }
}
