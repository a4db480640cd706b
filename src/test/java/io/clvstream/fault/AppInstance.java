package io.clvstream.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One clv-stream instance in its own JVM ({@code io.clvstream.app.ClvMain run}), with its own data
 * directory, killed with SIGKILL or stopped with SIGTERM like an orchestrator would.
 */
final class AppInstance {

    private final String name;
    private final Path dataDir;
    private final List<String> command;
    private Process process;
    private int starts;

    AppInstance(String name, Path root, String bootstrap, String registryUrl, List<String> settings) {
        this.name = name;
        this.dataDir = root.resolve(name);
        final List<String> cmd = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-XX:+UseSerialGC",
            "-cp", classpath(), "io.clvstream.app.ClvMain", "run",
            "--bootstrap-servers", bootstrap, "--schema-registry-url", registryUrl, "--data-dir", dataDir.toString(),
            // Two instances side by side, and beside a live `clv run`: the REST server on a free port.
            "--http-port", "0"));
        for (final String setting : settings) {
            cmd.add("--set");
            cmd.add(setting);
        }
        this.command = List.copyOf(cmd);
    }

    /** Starts the JVM and waits for its {@code ready:} line. */
    void start(Duration timeout) throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        starts++;
        final Path out = dataDir.resolve("stdout-" + starts + ".log");
        process = new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(dataDir.resolve("stderr-" + starts + ".log").toFile())
            .start();
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(out).contains("ready:")) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready; see " + dataDir);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + "; see " + dataDir);
    }

    /** SIGKILL: no shutdown hook, no commit, no transaction abort; the broker finds out by itself. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: Streams closes and leaves the group. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    String name() {
        return name;
    }

    /** Failsafe starts tests from a manifest-only jar; the real classpath is in this property. */
    private static String classpath() {
        final String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
