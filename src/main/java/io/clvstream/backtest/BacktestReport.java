package io.clvstream.backtest;

import io.clvstream.avro.ModelParams;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Writes DESIGN.md's {@code params.json} and {@code customers.csv} and prints the calibration-vs-holdout table. */
public final class BacktestReport {

    /** Rows of the table: customers by calibration repeat purchases 0..6, then 7 or more. */
    static final int LAST_BUCKET = 7;

    private BacktestReport() {
    }

    public static void write(BacktestResult result, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("params.json"), paramsJson(result), StandardCharsets.UTF_8);
        try (Writer out = Files.newBufferedWriter(dir.resolve("customers.csv"), StandardCharsets.UTF_8)) {
            out.write("customer_id,frequency,recency,T,monetary_value,p_alive,expected_purchases_holdout,"
                + "actual_purchases_holdout,expected_avg_value,clv_12m\n");
            for (final CustomerRow c : result.customers()) {
                out.write(String.format(Locale.ROOT, "%s,%d,%.6f,%.6f,%.6f,%.6f,%.6f,%d,%.6f,%.6f%n", c.customerId(),
                    c.frequency(), c.recency(), c.age(), c.monetaryValue(), c.pAlive(), c.expectedHoldout(),
                    c.actualHoldout(), c.expectedAverageValue(), c.clv12m()));
            }
        }
    }

    public static String paramsJson(BacktestResult result) {
        final ModelParams p = result.params();
        final String transactions = p.getBgnbd() != null
            ? String.format(Locale.ROOT, "\"bgnbd\": {\"r\": %s, \"alpha\": %s, \"a\": %s, \"b\": %s, \"logLikelihood\": %s}",
                p.getBgnbd().getR(), p.getBgnbd().getAlpha(), p.getBgnbd().getA(), p.getBgnbd().getB(),
                p.getBgnbd().getLogLikelihood())
            : String.format(Locale.ROOT, "\"paretoNbd\": {\"r\": %s, \"alpha\": %s, \"s\": %s, \"beta\": %s, \"logLikelihood\": %s}",
                p.getParetoNbd().getR(), p.getParetoNbd().getAlpha(), p.getParetoNbd().getS(), p.getParetoNbd().getBeta(),
                p.getParetoNbd().getLogLikelihood());
        return String.format(Locale.ROOT, "{%s, \"gammaGamma\": {\"p\": %s, \"q\": %s, \"v\": %s}, \"timeUnit\": \"%s\", "
                + "\"customers\": %d}%n", transactions, p.getGammaGamma().getP(), p.getGammaGamma().getQ(),
            p.getGammaGamma().getV(), result.unit().name().toLowerCase(Locale.ROOT), result.customers().size());
    }

    /** The calibration-vs-holdout table: mean predicted and actual holdout purchases by calibration repeat purchases. */
    public static void printTable(BacktestResult result, PrintStream out) {
        final double[] count = new double[LAST_BUCKET + 1];
        final double[] predicted = new double[LAST_BUCKET + 1];
        final double[] actual = new double[LAST_BUCKET + 1];
        for (final CustomerRow c : result.customers()) {
            final int bucket = Math.min(c.frequency(), LAST_BUCKET);
            count[bucket]++;
            predicted[bucket] += c.expectedHoldout();
            actual[bucket] += c.actualHoldout();
        }
        out.println("calibration repeat purchases | customers | predicted holdout (mean) | actual holdout (mean)");
        double totalPredicted = 0;
        double totalActual = 0;
        for (int x = 0; x <= LAST_BUCKET; x++) {
            totalPredicted += predicted[x];
            totalActual += actual[x];
            out.printf(Locale.ROOT, "%-28s | %9d | %24.3f | %21.3f%n", x == LAST_BUCKET ? "7+" : Integer.toString(x),
                (long) count[x], count[x] == 0 ? 0 : predicted[x] / count[x], count[x] == 0 ? 0 : actual[x] / count[x]);
        }
        out.printf(Locale.ROOT, "%-28s | %9d | %24.1f | %21.1f   (sums)%n", "all", result.customers().size(),
            totalPredicted, totalActual);
    }
}
