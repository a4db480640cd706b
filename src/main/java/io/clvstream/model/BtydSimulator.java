package io.clvstream.model;

import java.util.Arrays;
import org.hipparchus.random.RandomDataGenerator;

/**
 * Simulates customers from the model definitions, for parameter-recovery tests and benchmarks:
 * BG/NBD (Fader, Hardie &amp; Lee 2005): λ ~ Gamma(r, α), p ~ Beta(a, b); the first purchase is at time 0,
 * later ones arrive as a Poisson(λ) process and after each repeat purchase the customer drops out with
 * probability p (no dropout at the first purchase, matching the likelihood's (1−p)^x). Gamma-Gamma
 * ("RFM and CLV"): ν ~ Gamma(q, v), every transaction value ~ Gamma(p, ν). Deterministic for a seed.
 */
public final class BtydSimulator {

    private final BgNbdParams transactions;
    private final GammaGammaParams spend;
    private final RandomDataGenerator random;

    /** One simulated customer observed until age {@code T}; {@code purchaseTimes[0] == 0} is the first purchase. */
    public record SimulatedCustomer(double lambda, double dropout, double nu, double T, double[] purchaseTimes,
                                    double[] spends) {

        /** Repeat purchases. */
        public int x() {
            return purchaseTimes.length - 1;
        }

        public double tx() {
            return purchaseTimes[purchaseTimes.length - 1];
        }

        /** Mean value of the repeat purchases (0 when there are none), the Gamma-Gamma input. */
        public double meanRepeatValue() {
            if (x() == 0) {
                return 0;
            }
            double sum = 0;
            for (int i = 1; i < spends.length; i++) {
                sum += spends[i];
            }
            return sum / x();
        }

        public RfmRow rfm() {
            return RfmRow.of(x(), tx(), T);
        }
    }

    public BtydSimulator(BgNbdParams transactions, GammaGammaParams spend, long seed) {
        this.transactions = transactions;
        this.spend = spend;
        this.random = new RandomDataGenerator(seed);
    }

    /** Simulates one customer whose observation ends {@code T} time units after the first purchase. */
    public SimulatedCustomer next(double T) {
        double lambda = random.nextGamma(transactions.r(), 1 / transactions.alpha());
        double dropout = random.nextBeta(transactions.a(), transactions.b());
        double nu = random.nextGamma(spend.q(), 1 / spend.v());
        double[] times = new double[4];
        int n = 1;
        double now = 0;
        while (true) {
            now += random.nextExponential(1 / lambda);
            if (now > T) {
                break;
            }
            if (n == times.length) {
                times = Arrays.copyOf(times, 2 * n);
            }
            times[n++] = now;
            if (random.nextUniform(0, 1) < dropout) {
                break;
            }
        }
        double[] spends = new double[n];
        for (int i = 0; i < n; i++) {
            spends[i] = random.nextGamma(spend.p(), 1 / nu);
        }
        return new SimulatedCustomer(lambda, dropout, nu, T, Arrays.copyOf(times, n), spends);
    }
}
