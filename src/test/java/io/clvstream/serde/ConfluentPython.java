package io.clvstream.serde;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code python/purchase_interop.py} with Confluent's Python client (Debian's confluent-kafka 1.7
 * and avro under /usr/bin/python3). A machine without them fails loudly, never skips.
 */
public final class ConfluentPython {

    private static final String PYTHON = "/usr/bin/python3";
    public static final Path PURCHASE_SCHEMA = Path.of("schemas", "Purchase.avsc").toAbsolutePath();

    private final Path script;

    private ConfluentPython(Path script) {
        this.script = script;
    }

    /** Checks the client is importable and copies the script into {@code dir}. */
    public static ConfluentPython in(Path dir) throws IOException, InterruptedException {
        final Process probe = new ProcessBuilder(PYTHON, "-c", "import confluent_kafka.avro, avro")
            .redirectErrorStream(true).start();
        final String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (probe.waitFor() != 0) {
            fail(PYTHON + " cannot import confluent_kafka.avro (which needs requests) and avro, needed for the Python interop test. "
                + "Install Debian's packages: apt-get install -y python3-confluent-kafka python3-avro python3-requests\n" + output);
        }
        final Path script = dir.resolve("purchase_interop.py");
        if (!Files.exists(script)) {
            try (InputStream in = ConfluentPython.class.getResourceAsStream("/python/purchase_interop.py")) {
                Files.copy(in, script);
            }
        }
        return new ConfluentPython(script);
    }

    /** Runs the script and returns its JSON output lines; a non-zero exit fails with its output. */
    public List<String> run(String... args) throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>(List.of(PYTHON, script.toString()));
        command.addAll(List.of(args));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(150, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            fail("Python interop script " + String.join(" ", args) + " failed:\n" + output);
        }
        return output.lines().filter(l -> l.startsWith("{")).toList();
    }
}
