package io.clvstream.app.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker (KRaft, broker and controller in one) for zero-setup runs,
 * with its data under {@code <data-dir>/kafka} so a restart resumes.
 *
 * <p>It runs in a child JVM ({@link BrokerMain}) on our own classpath: a broker crash or memory
 * blow-up cannot take the application down, and the child watches us (EOF on its stdin, parent
 * liveness) and exits when we die, so no orphan keeps the port.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(45);

    private final Process process;
    private final int port;
    private final BrokerLayout layout;

    private EmbeddedKafkaBroker(Process process, int port, BrokerLayout layout) {
        this.process = process;
        this.port = port;
        this.layout = layout;
    }

    /**
     * Starts the broker on 127.0.0.1:{@code port} and returns once it answers, or fails with the reason
     * (port taken, child exited, timeout).
     */
    public static EmbeddedKafkaBroker start(Path dataDir, int port, Duration timeout) {
        final BrokerLayout layout = new BrokerLayout(dataDir.toAbsolutePath());
        requireFree(port);
        final int controllerPort = freePort();
        final Process process = launch(layout, port, controllerPort);
        final EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(process, port, layout);
        try {
            broker.awaitReady(timeout);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        log.info("Embedded Kafka broker ready on {} (pid {}, data {}, log {})",
            broker.bootstrapServers(), process.pid(), layout.kafkaDir(), layout.brokerLog());
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The child process, for supervision checks. */
    public ProcessHandle process() {
        return process.toHandle();
    }

    /** Stops the broker: EOF on its stdin asks for an orderly shutdown; signals follow if it hangs. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        try {
            process.getOutputStream().close();
            if (!process.waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Embedded broker did not stop within {}; terminating it", STOP_LIMIT);
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        log.info("Embedded Kafka broker stopped (exit {})", process.isAlive() ? "pending" : process.exitValue());
    }

    private static Process launch(BrokerLayout layout, int port, int controllerPort) {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xms256m");
        command.add("-Xmx1g");
        command.add("-Dlogback.configurationFile=logback-broker.xml");
        command.add("-Dclv.log.dir=" + layout.logsDir());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BrokerMain.class.getName());
        command.add(layout.dataDir().toString());
        command.add(String.valueOf(port));
        command.add(String.valueOf(controllerPort));
        try {
            Files.createDirectories(layout.logsDir());
            return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(layout.brokerConsole().toFile()))
                .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded broker JVM", e);
        }
    }

    private void awaitReady(Duration timeout) {
        final Instant deadline = Instant.now().plus(timeout);
        // A plain connect first: an admin client polled against a closed port logs a warning per attempt
        // and backs off, which delays noticing the broker by seconds.
        while (!accepts(port)) {
            checkStillStarting(deadline, timeout);
            pause();
        }
        try (Admin admin = Admin.create(Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000))) {
            while (!answers(admin)) {
                checkStillStarting(deadline, timeout);
            }
        }
    }

    private void checkStillStarting(Instant deadline, Duration timeout) {
        if (!process.isAlive()) {
            throw new IllegalStateException("Embedded broker exited with status " + process.exitValue()
                + " before it was ready; see " + layout.brokerLog() + " and " + layout.brokerConsole());
        }
        if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException("Embedded broker did not answer on " + bootstrapServers()
                + " within " + timeout + "; see " + layout.brokerLog());
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the embedded broker", e);
        }
    }

    private static boolean answers(Admin admin) {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000)).nodes().get(3, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the embedded broker", e);
        }
    }

    private static void requireFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException("Port 127.0.0.1:" + port + " is already in use (another broker or"
                + " `clv run`?); choose another with --kafka-port", e);
        }
    }

    /** An ephemeral port that is free right now (for the controller listener and tests). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free local port", e);
        }
    }
}
