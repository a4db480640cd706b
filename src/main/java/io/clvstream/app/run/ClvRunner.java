package io.clvstream.app.run;

import io.clvstream.app.broker.EmbeddedKafkaBroker;
import io.clvstream.app.topics.TopicProvisioner;
import io.clvstream.app.topics.TopicSpec;
import io.clvstream.config.ClvConfig;
import io.clvstream.config.Secrets;
import io.clvstream.metrics.ClvMetrics;
import io.clvstream.registry.server.EmbeddedSchemaRegistry;
import io.clvstream.serde.ClvSerdes;
import io.clvstream.serving.ClvHttpServer;
import io.clvstream.serving.GlobalStoreModelSource;
import io.clvstream.serving.ServingStreams;
import io.clvstream.topology.ClvTopology;
import io.clvstream.topology.DeadLetterCounter;
import io.clvstream.topology.PublishedPopulation;
import io.javalin.util.JavalinBindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running parts of {@code clv run}: in embedded mode a broker (child JVM) and a schema registry,
 * then topic provisioning, the REST/metrics server and Kafka Streams with the clv topology. Closed in
 * reverse order, the HTTP server first so no query reaches a closing Streams instance.
 *
 * <p>State survives restarts: the broker and registry keep their data under the data directory, and
 * Streams' local state is never wiped on start (that is {@code clv reset}'s job).
 */
public final class ClvRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClvRunner.class);
    private static final Duration BROKER_START = Duration.ofSeconds(120);
    private static final Duration STREAMS_CLOSE = Duration.ofSeconds(30);
    private static final String LOOPBACK = "127.0.0.1";

    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final AtomicBoolean failed = new AtomicBoolean();
    private EmbeddedKafkaBroker broker;
    private EmbeddedSchemaRegistry registry;
    private KafkaStreams streams;
    private ClvMetrics metrics;
    private ClvHttpServer http;
    private ClvConfig effectiveConfig;

    private ClvRunner() {
    }

    /**
     * Starts everything and returns; {@code ready} receives the single {@code ready:} line once Streams
     * first reaches RUNNING. On a start-up failure whatever was started is closed again.
     */
    public static ClvRunner start(ClvConfig config, Consumer<String> ready) {
        final ClvRunner runner = new ClvRunner();
        try {
            runner.startAll(config, ready);
            return runner;
        } catch (RuntimeException e) {
            runner.close();
            throw e;
        }
    }

    private void startAll(ClvConfig initial, Consumer<String> ready) {
        ClvConfig config = initial;
        if (config.bootstrapServers().isEmpty()) {
            broker = EmbeddedKafkaBroker.start(config.dataDir(), config.kafkaPort(), BROKER_START);
            config = config.with(Map.of(
                ClvConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers(),
                ClvConfig.REPLICATION_FACTOR, config.replicationFactor().orElse((short) 1)));
        }
        if (config.schemaRegistryUrl().isEmpty()) {
            if (broker == null) {
                throw new IllegalArgumentException("With --bootstrap-servers, also give --schema-registry-url"
                    + " (the embedded registry comes only with the embedded broker)");
            }
            registry = startRegistry(config);
            config = config.with(Map.of(ClvConfig.SCHEMA_REGISTRY_URL, registry.url()));
        }
        if (config.provisionTopics()) {
            try (Admin admin = Admin.create(config.clientProperties())) {
                new TopicProvisioner(admin, config.replicationFactor()).provision(TopicSpec.all(config));
            }
        }
        final DeadLetterCounter deadLetters = new DeadLetterCounter();
        metrics = new ClvMetrics(deadLetters);
        final ServingStreams serving = new ServingStreams();
        final ClvSerdes serdes = ClvSerdes.create(config.registryProperties());
        http = startHttp(config, serving, serdes);
        // The bound port is known only now (0 = any free port), and Streams needs it at construction.
        if (config.get(ClvConfig.APPLICATION_SERVER).isEmpty()) {
            config = config.with(Map.of(ClvConfig.APPLICATION_SERVER, advertisedHost(config.httpHost()) + ":" + http.port()));
        }
        startStreams(config, serdes, deadLetters, serving, readyLine(config, http.port()), ready);
    }

    private ClvHttpServer startHttp(ClvConfig config, ServingStreams serving, ClvSerdes serdes) {
        try {
            return ClvHttpServer.start(config.httpHost(), config.httpPort(), config.asMap(), serving,
                new GlobalStoreModelSource(serving, serdes.modelParams().deserializer(), config.topicNames().modelParams()),
                new PublishedPopulation(serving.publishedRecords(ClvTopology.SEGMENT_STATS_STORE),
                    serdes.segmentStats().deserializer(), config.topicNames().segmentStats(), config.asMap()),
                metrics::scrape);
        } catch (JavalinBindException e) {
            throw new IllegalStateException("Port " + config.httpHost() + ":" + config.httpPort()
                + " is already in use; choose another with --http-port", e);
        }
    }

    /**
     * A wildcard bind address cannot be advertised to other instances; the host name is the best
     * guess then (containers and pods set {@code application.server} explicitly).
     */
    private static String advertisedHost(String bindHost) {
        if (!isWildcard(bindHost)) {
            return bindHost;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return LOOPBACK;
        }
    }

    private static boolean isWildcard(String host) {
        return host.isEmpty() || "0.0.0.0".equals(host) || "::".equals(host);
    }

    private static EmbeddedSchemaRegistry startRegistry(ClvConfig config) {
        try {
            return EmbeddedSchemaRegistry.start(config.bootstrapServers().orElseThrow(), LOOPBACK,
                config.registryPort(), config.clientProperties());
        } catch (JavalinBindException e) {
            throw new IllegalStateException("Port " + LOOPBACK + ":" + config.registryPort()
                + " is already in use; choose another with --registry-port", e);
        }
    }

    private void startStreams(ClvConfig config, ClvSerdes serdes, DeadLetterCounter deadLetters, ServingStreams serving,
                              String readyLine, Consumer<String> ready) {
        this.effectiveConfig = config;
        streams = new KafkaStreams(ClvTopology.build(config.asMap(), serdes, deadLetters, metrics),
            config.streamsProperties());
        metrics.bindStreams(streams);
        serving.attach(streams, HostInfo.buildFromEndpoint(config.get(ClvConfig.APPLICATION_SERVER).orElseThrow()));
        final AtomicBoolean announced = new AtomicBoolean();
        streams.setStateListener((newState, oldState) -> {
            log.info("Kafka Streams {} -> {}", oldState, newState);
            // RUNNING comes back after every rebalance; the ready line is printed once.
            if (newState == KafkaStreams.State.RUNNING && announced.compareAndSet(false, true)) {
                ready.accept(readyLine);
            }
            if (newState == KafkaStreams.State.ERROR) {
                failed.set(true);
            }
            if (newState == KafkaStreams.State.ERROR || newState == KafkaStreams.State.NOT_RUNNING) {
                terminated.countDown();
            }
        });
        streams.setUncaughtExceptionHandler(new StreamThreadFailurePolicy());
        log.info("Starting Kafka Streams {} against {} (state in {})",
            config.applicationId(), config.bootstrapServers().orElseThrow(), config.stateDir());
        streams.start();
    }

    /** Registry URLs may carry user info (Confluent's URL credentials source); stdout must not. */
    static String readyLine(ClvConfig config, int httpPort) {
        final String host = isWildcard(config.httpHost()) ? LOOPBACK : config.httpHost();
        return "ready: kafka=" + config.bootstrapServers().orElseThrow()
            + " schema-registry=" + Secrets.redactUrls(config.schemaRegistryUrl().orElseThrow())
            + " http=http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + httpPort;
    }

    /** Blocks until Streams stops by itself (error or external close). */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    /** True when Streams stopped on an error rather than by {@link #close()}. */
    public boolean failed() {
        return failed.get();
    }

    public Optional<KafkaStreams> streams() {
        return Optional.ofNullable(streams);
    }

    /** Closes Streams (bounded wait), then the registry, then the broker; safe to call twice. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeQuietly("HTTP server", http);
        if (streams != null && !streams.close(closeOptions())) {
            log.warn("Kafka Streams did not close within {}", STREAMS_CLOSE);
        }
        closeQuietly("metrics", metrics);
        closeQuietly("schema registry", registry);
        closeQuietly("broker", broker);
        terminated.countDown();
    }

    /**
     * Leaves the consumer group on close unless static membership ({@code group.instance.id}) is used:
     * Streams stays in the group by default, and a restarted instance with a new member id would wait
     * out the old member's session timeout (45 s) before it gets its partitions back.
     */
    private CloseOptions closeOptions() {
        final boolean staticMember = effectiveConfig.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG).isPresent();
        return CloseOptions.timeout(STREAMS_CLOSE).withGroupMembershipOperation(staticMember
            ? CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP
            : CloseOptions.GroupMembershipOperation.LEAVE_GROUP);
    }

    private static void closeQuietly(String what, AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("Closing the {} failed", what, e);
        }
    }
}
