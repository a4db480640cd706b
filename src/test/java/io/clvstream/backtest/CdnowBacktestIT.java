package io.clvstream.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clvstream.files.TransactionFileReader;
import io.clvstream.predict.ModelTimeUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clv backtest} on the CDNOW 1/10 sample (39-week calibration to 1997-09-30, holdout to 1998-06-30, weeks)
 * reproduces the published maximum-likelihood fits and the published per-customer summary, which proves the replay
 * through the topology is exact. One replay for all assertions; an integration test (failsafe, {@code mvn verify})
 * because replaying 4,900 events through the whole TopologyTestDriver topology takes about 90 s.
 */
class CdnowBacktestIT {

    static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);
    static final LocalDate HOLDOUT_END = LocalDate.of(1998, 6, 30);

    @TempDir
    static Path out;
    static BacktestResult result;

    static Path cdnow() {
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            final Path candidate = p.resolve("shared").resolve("data").resolve("cdnow");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/data/cdnow not found above the working directory");
    }

    @BeforeAll
    static void replay() throws Exception {
        result = new Backtest(TransactionFileReader.cdnow(), CALIBRATION_END, HOLDOUT_END, ModelTimeUnit.WEEKS)
            .run(cdnow().resolve("CDNOW_sample.txt"));
        BacktestReport.write(result, out);
        BacktestReport.printTable(result, System.out);
    }

    @Test
    void paramsJsonHasThePublishedFits() throws Exception {
        final String json = Files.readString(out.resolve("params.json"));
        assertThat(number(json, "r")).isCloseTo(0.243, within(0.0005));
        assertThat(number(json, "alpha")).isCloseTo(4.414, within(0.0005));
        assertThat(number(json, "a")).isCloseTo(0.793, within(0.0005));
        assertThat(number(json, "b")).isCloseTo(2.426, within(0.0005));
        assertThat(number(json, "logLikelihood")).isCloseTo(-9582.4, within(0.05));
        assertThat(number(json, "p")).isCloseTo(6.25, within(0.005));
        assertThat(number(json, "q")).isCloseTo(3.74, within(0.005));
        // The published 15.44 is rounded; the MLE on this data is 15.4477.
        assertThat(number(json, "v")).isCloseTo(15.44, within(0.01));
        assertThat(json).contains("\"timeUnit\": \"weeks\"").contains("\"customers\": 2357");
    }

    @Test
    void customersMatchThePublishedSummaryInSampleOrder() throws Exception {
        final List<String> lines = Files.readAllLines(out.resolve("customers.csv"));
        assertThat(lines.get(0)).isEqualTo("customer_id,frequency,recency,T,monetary_value,p_alive,"
            + "expected_purchases_holdout,actual_purchases_holdout,expected_avg_value,clv_12m");
        final List<String> published = Files.readAllLines(cdnow().resolve("cdnow_customers_summary.csv"));
        final List<String> summary = new ArrayList<>();
        for (final String line : published.subList(1, published.size())) {
            if (!line.isBlank()) {
                summary.add(line);
            }
        }
        assertThat(lines).hasSize(2357 + 1);
        assertThat(summary).hasSize(2357);
        for (int i = 0; i < summary.size(); i++) {
            final String[] expected = summary.get(i).split(",");
            final String[] actual = lines.get(i + 1).split(",");
            assertThat(Integer.parseInt(actual[1])).as("frequency of row %d", i + 1).isEqualTo(Integer.parseInt(expected[1]));
            assertThat(Double.parseDouble(actual[2])).as("recency of row %d", i + 1)
                .isCloseTo(Double.parseDouble(expected[2]), within(0.006));
            assertThat(Double.parseDouble(actual[3])).as("T of row %d", i + 1)
                .isCloseTo(Double.parseDouble(expected[3]), within(0.006));
        }
    }

    @Test
    void holdoutTotalsMatchACountFromTheRawFile() throws Exception {
        // Distinct (customer, day) pairs in (1997-09-30, 1998-06-30], counted straight from the text file.
        final Map<String, Set<String>> days = new HashMap<>();
        for (final String line : Files.readAllLines(cdnow().resolve("CDNOW_sample.txt"))) {
            final String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[2].compareTo("19970930") > 0 && f[2].compareTo("19980630") <= 0) {
                days.computeIfAbsent(f[0], k -> new HashSet<>()).add(f[2]);
            }
        }
        final int expected = days.values().stream().mapToInt(Set::size).sum();
        final int actual = result.customers().stream().mapToInt(CustomerRow::actualHoldout).sum();
        assertThat(actual).isEqualTo(expected);
        final double predicted = result.customers().stream().mapToDouble(CustomerRow::expectedHoldout).sum();
        // BG/NBD's aggregate holdout forecast on CDNOW is close to the actual count (Fader, Hardie & Lee 2005, fig. 3).
        assertThat(predicted).isCloseTo(expected, within(0.15 * expected));
    }

    private static double number(String json, String field) {
        final int at = json.indexOf("\"" + field + "\": ");
        assertThat(at).as(field).isNotNegative();
        final int start = at + field.length() + 4;
        int end = start;
        while (end < json.length() && "0123456789.-Ee".indexOf(json.charAt(end)) >= 0) {
            end++;
        }
        return Double.parseDouble(json.substring(start, end));
    }
}
