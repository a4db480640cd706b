package io.clvstream.app;

import io.clvstream.app.run.ClvRunner;
import io.clvstream.config.ClvConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/** {@code clv run}: the stream processor, with an embedded broker and registry unless told otherwise. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Runs the CLV stream processor.",
        "Without --bootstrap-servers it starts an embedded Kafka broker and Schema Registry keeping their",
        "data under --data-dir; prints one line starting with 'ready:' once it takes events."})
final class RunCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Mixin
    EndpointOptions endpoints;

    @Option(names = "--provision-topics", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "Create missing topics on start (default: true).")
    boolean provisionTopics;

    @Override
    public Integer call() throws InterruptedException {
        final ClvConfig config = options.load(runFlags());
        final CountDownLatch stopRequested = new CountDownLatch(1);
        try (ClvRunner runner = ClvRunner.start(config, line -> {
            System.out.println(line);
            System.out.flush();
        })) {
            // Our own handlers for Ctrl-C/SIGTERM: the JVM's default would exit with 130/143 after the
            // shutdown hooks; this way we close in order and exit 0. The hook covers any other exit.
            final Thread hook = new Thread(runner::close, "clv-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            Signal.handle(new Signal("INT"), signal -> stopRequested.countDown());
            Signal.handle(new Signal("TERM"), signal -> stopRequested.countDown());
            new Thread(() -> awaitQuietly(runner, stopRequested), "clv-streams-watch").start();
            stopRequested.await();
            runner.close();
            return runner.failed() ? 1 : 0;
        }
    }

    Map<String, String> runFlags() {
        final Map<String, String> flags = new LinkedHashMap<>();
        endpoints.putInto(flags);
        if (!provisionTopics) {
            flags.put(ClvConfig.PROVISION_TOPICS, "false");
        }
        return flags;
    }

    /** Streams stopping by itself (fatal error) ends the command too. */
    private static void awaitQuietly(ClvRunner runner, CountDownLatch stopRequested) {
        try {
            runner.awaitTermination();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopRequested.countDown();
    }
}
