package io.clvstream.app.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the child JVM that runs the embedded broker ({@link EmbeddedKafkaBroker} starts it).
 * Arguments: {@code <data-dir> <port> <controller-port>}.
 *
 * <p>The child stops when its parent goes away: the parent holds the write end of our stdin, so EOF
 * on stdin means the parent closed it (orderly stop) or died (the OS closes it), and a watcher also
 * polls the parent process in case stdin is ever inherited elsewhere. Either way the broker shuts
 * down cleanly and the process exits, so a killed {@code clv run} never leaves an orphan holding the port.
 */
public final class BrokerMain {

    private static final Logger log = LoggerFactory.getLogger(BrokerMain.class);
    private static final Duration SHUTDOWN_LIMIT = Duration.ofSeconds(60);

    private BrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        final BrokerLayout layout = new BrokerLayout(Path.of(args[0]));
        final int port = Integer.parseInt(args[1]);
        final int controllerPort = Integer.parseInt(args[2]);
        final Optional<ProcessHandle> parent = ProcessHandle.current().parent();

        final Properties props = BrokerProperties.singleNode(layout, port, controllerPort);
        writeServerProperties(layout, props);
        formatIfNew(layout);

        startDaemon("parent-stdin-watch", BrokerMain::exitOnStdinEof);
        parent.ifPresent(handle -> startDaemon("parent-process-watch", () -> exitOnDeath(handle)));
        Runtime.getRuntime().addShutdownHook(new Thread(BrokerMain::limitShutdown, "broker-shutdown-limit"));

        // Kafka's own entry point: it installs the shutdown hook that stops the broker cleanly on
        // System.exit or SIGTERM, and exits non-zero when start-up fails (e.g. port taken).
        kafka.Kafka.main(new String[] {layout.serverProperties().toString()});
    }

    private static void writeServerProperties(BrokerLayout layout, Properties props) throws IOException {
        Files.createDirectories(layout.kafkaDir());
        try (OutputStream out = Files.newOutputStream(layout.serverProperties())) {
            props.store(out, "Written by clv-stream on every start; edits are overwritten");
        }
    }

    /** Formats the log dir once; an existing meta.properties means a previous run's data to resume. */
    private static void formatIfNew(BrokerLayout layout) {
        if (Files.exists(layout.metaProperties())) {
            log.info("Resuming broker data in {}", layout.logDir());
            return;
        }
        final String clusterId = Uuid.randomUuid().toString();
        log.info("Formatting new broker data in {} (cluster id {})", layout.logDir(), clusterId);
        final PrintStream out = new PrintStream(OutputStream.nullOutputStream());
        final int status = StorageTool.execute(
            new String[] {"format", "-t", clusterId, "-c", layout.serverProperties().toString()}, out);
        if (status != 0) {
            log.error("Formatting {} failed with status {}", layout.logDir(), status);
            Runtime.getRuntime().halt(2);
        }
    }

    /** A broker that hangs in shutdown must not keep the port: halt after a limit. */
    private static void limitShutdown() {
        startDaemon("shutdown-halt", () -> {
            sleep(SHUTDOWN_LIMIT);
            log.error("Broker shutdown took longer than {}; halting", SHUTDOWN_LIMIT);
            Runtime.getRuntime().halt(3);
        });
    }

    private static void exitOnStdinEof() {
        try {
            while (System.in.read() >= 0) {
                // Anything the parent writes is ignored; only EOF matters.
            }
        } catch (IOException e) {
            log.warn("Reading stdin from parent failed; treating it as gone", e);
        }
        log.info("Parent closed stdin or exited; stopping the broker");
        System.exit(0);
    }

    private static void exitOnDeath(ProcessHandle parent) {
        while (parent.isAlive()) {
            sleep(Duration.ofSeconds(1));
        }
        log.info("Parent process {} exited; stopping the broker", parent.pid());
        System.exit(0);
    }

    private static void startDaemon(String name, Runnable body) {
        final Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
