package io.clvstream.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HypergeometricTest {

    /** Brute-force defining series in 40-digit decimal arithmetic: an independent reference. */
    static double bruteForce(double a, double b, double c, double z) {
        MathContext mc = new MathContext(40);
        BigDecimal ba = new BigDecimal(a);
        BigDecimal bb = new BigDecimal(b);
        BigDecimal bc = new BigDecimal(c);
        BigDecimal bz = new BigDecimal(z);
        BigDecimal term = BigDecimal.ONE;
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal eps = new BigDecimal("1e-30");
        for (int n = 0; n < 200_000; n++) {
            BigDecimal bn = BigDecimal.valueOf(n);
            term = term.multiply(ba.add(bn, mc), mc).multiply(bb.add(bn, mc), mc).multiply(bz, mc)
                    .divide(bc.add(bn, mc).multiply(bn.add(BigDecimal.ONE), mc), mc);
            sum = sum.add(term, mc);
            if (n > 50 && term.abs().compareTo(eps.multiply(sum.abs(), mc)) < 0) {
                break;
            }
        }
        return sum.doubleValue();
    }

    @ParameterizedTest
    @CsvSource({
        // a, b, c, z : direct-series region and connection-formula region (z > 0.9)
        "0.5, 0.3, 1.7, 0.4",
        "2.5, 3.1, 4.2, 0.85",
        "-0.45, -0.2, 3.2, 0.6",
        "1.426, -0.207, 4.219, 0.9",
        "1.426, -0.207, 4.219, 0.95",
        "0.976, -0.207, 2.219, 0.97",
        "1.3, 0.7, 3.4, 0.93",
        "0.8, 1.9, 3.1, 0.96",
        "12.5, 3.5, 20.25, 0.92",
        "3.0, 0.25, 40.7, 0.98",
    })
    void matchesBruteForceSeries(double a, double b, double c, double z) {
        double expected = bruteForce(a, b, c, z);
        assertThat(Hypergeometric.value(a, b, c, z)).isCloseTo(expected, within(1e-11 * Math.abs(expected)));
    }

    @Test
    void closedFormsIncludingIntegerCMinusAMinusBNearOne() {
        // 2F1(1,1;2;z) = −ln(1−z)/z: c−a−b = 0 exactly, the connection formula's degenerate case
        for (double z : new double[] {0.3, 0.9, 0.95, 0.999, 0.999999, -0.5, -20}) {
            double expected = -Math.log1p(-z) / z;
            // the interpolation band loses ~7 digits to cancellation: documented accuracy 1e-9 there
            assertThat(Hypergeometric.value(1, 1, 2, z)).as("z=%s", z).isCloseTo(expected, within(2e-9 * expected));
        }
        // 2F1(a,b;b;z) = (1−z)^(−a)
        for (double z : new double[] {0.5, 0.95, 0.9999}) {
            double expected = Math.pow(1 - z, -0.7);
            assertThat(Hypergeometric.value(0.7, 2.3, 2.3, z)).isCloseTo(expected, within(1e-10 * expected));
        }
        // 2F1(1/2,1/2;3/2;x²) = arcsin(x)/x
        for (double x : new double[] {0.5, 0.97, 0.9995}) {
            double expected = Math.asin(x) / x;
            assertThat(Hypergeometric.value(0.5, 0.5, 1.5, x * x)).isCloseTo(expected, within(1e-10 * expected));
        }
        // polynomial: 2F1(−2, b; c; z) = 1 − 2bz/c + b(b+1)z²/(c(c+1))
        double b = 1.5;
        double c = 2.5;
        double z = 0.99;
        assertThat(Hypergeometric.value(-2, b, c, z))
                .isCloseTo(1 - 2 * b * z / c + b * (b + 1) * z * z / (c * (c + 1)), within(1e-14));
    }

    @Test
    void negativeArgumentByPfaffMatchesSeries() {
        double expected = bruteForce(0.8, 1.9, 3.1, -0.6);
        assertThat(Hypergeometric.value(0.8, 1.9, 3.1, -0.6)).isCloseTo(expected, within(1e-12));
    }

    @ParameterizedTest
    @CsvSource({
        // a, b, c: connection region, c−a−b near an integer (interpolated), polynomial, BG/NBD eq. 10 shapes
        "0.5, 0.3, 1.7",
        "1.3, 0.7, 3.4",
        "12.5, 3.5, 20.25",
        "1, 1, 2",
        "-2, 1.5, 2.5",
        "1.976, -0.207, 2.219",
        "28.8, 0.004, 37.0",
        "28.8, 0.004, 31.0",
        "1.976, -0.207, 40.219",
    })
    void preparedGivesTheValuesOfTheOneOffFunction(double a, double b, double c) {
        Hypergeometric.Prepared prepared = new Hypergeometric.Prepared(a, b, c);
        // the same route and coefficients outside (0.5, 0.9]; inside, a prepared 2F1 may take the connection formula
        for (double z : new double[] {-3, -0.6, 0, 0.2, 0.5, 0.90001, 0.93, 0.97, 0.99, 0.999, 0.999999}) {
            assertThat(prepared.value(z)).as("z = %s", z).isEqualTo(Hypergeometric.value(a, b, c, z));
        }
        for (double z : new double[] {0.55, 0.6, 0.7, 0.8, 0.85, 0.9}) {
            double oneOff = Hypergeometric.value(a, b, c, z);
            assertThat(prepared.value(z)).as("z = %s", z).isCloseTo(oneOff, within(1e-14 * Math.abs(oneOff)));
        }
        for (double z = 0.905; z < 0.99; z += 0.01) {
            double expected = bruteForce(a, b, c, z);
            assertThat(prepared.value(z)).as("z = %s", z).isCloseTo(expected, within(1e-11 * Math.abs(expected)));
        }
    }

    @ParameterizedTest
    @CsvSource({
        "1.976, -0.207, 2.219",
        "1.976, -0.207, 40.219",
        "0.5, 0.3, 1.7",
        "2.5, 3.1, 4.2",
        "-2, 0.7, 3.4",
    })
    void manyZAtOnceMatchBruteForceAndTheOneOffValues(double a, double b, double c) {
        Hypergeometric.Prepared prepared = new Hypergeometric.Prepared(a, b, c);
        double[] z = {0.05, 0.3, -0.6, 0.9, 0, 0.62, 0.95, 0.999, 0.2};
        double[] into = new double[z.length + 1];
        into[z.length] = 42;

        prepared.values(z, z.length, into);

        for (int i = 0; i < z.length; i++) {
            if (z[i] >= 0 && z[i] <= 0.9) {
                double expected = bruteForce(a, b, c, z[i]);
                assertThat(into[i]).as("z = %s", z[i]).isCloseTo(expected, within(1e-13 * Math.abs(expected)));
            } else {
                assertThat(into[i]).as("z = %s", z[i]).isEqualTo(Hypergeometric.value(a, b, c, z[i]));
            }
        }
        assertThat(into[z.length]).as("only count values are written").isEqualTo(42);
        double[] inPlace = z.clone();
        prepared.values(inPlace, z.length, inPlace);
        assertThat(inPlace).containsExactly(Arrays.copyOf(into, z.length));
    }
}
