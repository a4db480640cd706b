package io.clvstream.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The 2F1 of BG/NBD's eq. 10 as {@link BgNbdScorer} evaluates it, 2F1(a+b−1−r, a−1; a+b+x−1; z) with the CDNOW
 * r = 0.243, b = 2.426 and a itself (0.793) or the interpolation points a = 1 ± 1e-6, checked against references
 * that share no code with {@link Hypergeometric}: the defining series summed in 40-digit decimal arithmetic
 * ({@link HypergeometricTest#bruteForce}) up to z = 0.99, and mpmath's hyp2f1 at 50 digits above (the table next
 * to this class, with the script that made it). All three entry points are checked: the one-off function, a
 * prepared 2F1 one z at a time, and a prepared 2F1 at one customer's thirteen CLV horizons at once.
 */
class HypergeometricAccuracyTest {

    private static final double R = 0.243;
    private static final double B = 2.426;
    private static final double[] A = {0.793, 1 - 1e-6, 1 + 1e-6};
    private static final int[] COUNTS = {0, 1, 2, 3, 5, 8, 10, 15, 20, 30, 50, 100, 200};
    private static final double TOLERANCE = 1e-12;

    /** z spanning 1e-6 to 0.99: tiny, every 0.05, and the band just below and above the old 0.9 boundary. */
    private static final double[] Z = {1e-6, 1e-4, 1e-2, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55,
        0.6, 0.62, 0.65, 0.68, 0.7, 0.72, 0.75, 0.78, 0.8, 0.82, 0.85, 0.88, 0.9, 0.92, 0.95, 0.97, 0.99};

    /** Customer ages T and the CLV's month ends t, in weeks (α = 4.414) and in days (α = 30.9), up to 3 years. */
    private static final double[][] SCALES = {
        {4.414, 4.345, 52, 0, 1, 4, 13, 52, 156},
        {30.9, 30.44, 365, 0, 7, 30, 91, 365, 1095},
    };

    private double worst;
    private String worstAt = "";
    /** The same for z ≤ 0.9, where a prepared 2F1 chooses between the defining series and the connection formula. */
    private double worstBelow;
    private String worstBelowAt = "";

    @Test
    void oneOffAndPreparedMatchTheDecimalSeriesUpToZ099() {
        for (double a : A) {
            for (int x : COUNTS) {
                double[] p = parameters(a, x);
                Hypergeometric.Prepared prepared = new Hypergeometric.Prepared(p[0], p[1], p[2]);
                for (double z : Z) {
                    double expected = HypergeometricTest.bruteForce(p[0], p[1], p[2], z);
                    check(Hypergeometric.value(p[0], p[1], p[2], z), expected, "value", p, z);
                    check(prepared.value(z), expected, "Prepared.value", p, z);
                }
            }
        }
        report("decimal series, z ≤ 0.99");
    }

    @Test
    void preparedAtTheClvHorizonsMatchesTheDecimalSeriesInWeeksAndDays() {
        double[] z = new double[13];
        double[] into = new double[13];
        for (double[] scale : SCALES) {
            double alpha = scale[0];
            for (double a : A) {
                for (int x : COUNTS) {
                    double[] p = parameters(a, x);
                    Hypergeometric.Prepared prepared = new Hypergeometric.Prepared(p[0], p[1], p[2]);
                    for (int k = 3; k < scale.length; k++) {
                        double age = scale[k];
                        for (int month = 1; month <= 12; month++) {
                            double t = month * scale[1];
                            z[month - 1] = t / (alpha + age + t);
                        }
                        z[12] = scale[2] / (alpha + age + scale[2]);
                        prepared.values(z, 13, into);
                        for (int i = 0; i < 13; i++) {
                            check(into[i], HypergeometricTest.bruteForce(p[0], p[1], p[2], z[i]), "values", p, z[i]);
                        }
                    }
                }
            }
        }
        report("decimal series, CLV horizons");
    }

    @Test
    void nearOneMatchesMpmath() throws IOException {
        List<double[]> rows = table();
        assertThat(rows).hasSize(225);
        for (double[] row : rows) {
            Hypergeometric.Prepared prepared = new Hypergeometric.Prepared(row[0], row[1], row[2]);
            double z = row[3];
            check(Hypergeometric.value(row[0], row[1], row[2], z), row[4], "value", row, z);
            check(prepared.value(z), row[4], "Prepared.value", row, z);
            double[] into = new double[2];
            prepared.values(new double[] {z, 0.5}, 2, into);
            check(into[0], row[4], "values", row, z);
        }
        report("mpmath, z ≥ 0.995");
    }

    /** BgNbdScorer's eq. 10 parameters, computed in the same order so that the doubles are the same. */
    private static double[] parameters(double a, int x) {
        return new double[] {a + B - 1 - R, a - 1, a + B + x - 1};
    }

    private void check(double actual, double expected, String route, double[] p, double z) {
        double error = Math.abs(actual - expected) / Math.abs(expected);
        String at = String.format("%s(%s, %s, %s; z = %s)", route, p[0], p[1], p[2], z);
        assertThat(error).as("relative error of %s: %s against %s", at, actual, expected).isLessThanOrEqualTo(TOLERANCE);
        if (error > worst) {
            worst = error;
            worstAt = at;
        }
        if (z <= 0.9 && error > worstBelow) {
            worstBelow = error;
            worstBelowAt = at;
        }
    }

    private void report(String reference) {
        System.out.printf("2F1 against %s: worst relative error %.2e at %s; for z ≤ 0.9 %.2e at %s%n", reference,
                worst, worstAt, worstBelow, worstBelowAt);
    }

    private static List<double[]> table() throws IOException {
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                HypergeometricAccuracyTest.class.getResourceAsStream("hypergeometric-near-one.csv"),
                StandardCharsets.US_ASCII))) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] fields = line.split(",");
                double[] row = new double[fields.length];
                for (int i = 0; i < fields.length; i++) {
                    row[i] = Double.parseDouble(fields[i]);
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
