package io.clvstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.clvstream.app.broker.EmbeddedKafkaBroker;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code clv demo} end to end on ephemeral ports: the first rows of the shipped CDNOW sample replayed
 * fast through the embedded broker, registry and topology, with the plain feed captured. The top
 * customer is computed here from the file, not read back from the code.
 */
class DemoIT {

    private static final int ROWS = 100;

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void replaysTheSampleAndShowsTopCustomersTierChangesAndASummary() throws Exception {
        final Path file = dir.resolve("cdnow.txt");
        final List<String> rows = firstSampleRows();
        Files.write(file, rows, StandardCharsets.US_ASCII);
        final String topSpender = topSpender(rows);

        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        final CommandLine cli = ClvMain.commandLine();
        final DemoCommand demo = (DemoCommand) cli.getSubcommands().get("demo").getCommand();
        demo.out = new PrintStream(captured, true, StandardCharsets.UTF_8);
        final int status = cli.execute("demo", "--data-dir", dir.resolve("data").toString(),
            "--kafka-port", String.valueOf(EmbeddedKafkaBroker.freePort()), "--registry-port", "0",
            "--transactions", file.toString(), "--format", "cdnow", "--speed", "400", "--exit-when-done", "--plain",
            "--refresh", "1", "--set", "commit.interval.ms=100", "--set", "clv.http.port=0");
        final String output = captured.toString(StandardCharsets.UTF_8);
        final List<String> lines = output.lines().toList();
        System.out.println(output);

        assertThat(status).as(output).isZero();
        assertThat(output).as("plain output has no escape codes").doesNotContain("\u001b");
        assertThat(lines).as(output).anyMatch(line -> line.matches("ready: kafka=127\\.0\\.0\\.1:\\d+ schema-registry=http://\\S+ http=http://127\\.0\\.0\\.1:\\d+")
            && !line.endsWith(":8080"));
        final int finalTable = indexOf(lines, "final  top 10 by formula CLV");
        assertThat(finalTable).as(output).isNotNegative();
        assertThat(lines.get(finalTable + 2).trim().split("\\s+")).as(output).startsWith("1", topSpender);
        assertThat(lines).as(output).anyMatch(line -> line.matches("\\d{4}-\\d\\d-\\d\\d  ↑ .*→ .*>= .*"));
        assertThat(lines).as(output).anyMatch(line -> line.startsWith("  events replayed ")
            && line.contains("(" + ROWS + " purchases,"));
        assertThat(lines).as(output).contains("  dead letters      0");
    }

    private static List<String> firstSampleRows() throws Exception {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
            Objects.requireNonNull(DemoIT.class.getResourceAsStream("/demo/CDNOW_sample.txt")), StandardCharsets.US_ASCII))) {
            return in.lines().limit(ROWS).toList();
        }
    }

    /** customer_id sample_id date cds dollars: the customer with the largest sum of dollars. */
    private static String topSpender(List<String> rows) {
        final Map<String, BigDecimal> spend = new HashMap<>();
        for (final String row : rows) {
            final String[] f = row.trim().split("\\s+");
            spend.merge(f[0], new BigDecimal(f[4]), BigDecimal::add);
        }
        return spend.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }
}
