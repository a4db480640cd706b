package io.clvstream.bench;

import io.clvstream.app.broker.EmbeddedKafkaBroker;
import io.clvstream.config.ClvConfig;
import io.clvstream.registry.server.EmbeddedSchemaRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The cluster a bench runs against: the configured one, or an embedded broker and registry on free
 * ports with their data under the bench's work directory (never the fixed ports of {@code clv run}).
 */
final class BenchCluster implements AutoCloseable {

    private static final Duration BROKER_START = Duration.ofSeconds(120);

    private final EmbeddedKafkaBroker broker;
    private final EmbeddedSchemaRegistry registry;
    private final ClvConfig config;

    private BenchCluster(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry, ClvConfig config) {
        this.broker = broker;
        this.registry = registry;
        this.config = config;
    }

    static BenchCluster start(ClvConfig initial, Path workDir) {
        ClvConfig config = initial;
        EmbeddedKafkaBroker broker = null;
        if (config.bootstrapServers().isEmpty()) {
            broker = EmbeddedKafkaBroker.start(workDir.resolve("cluster"), EmbeddedKafkaBroker.freePort(), BROKER_START);
            config = config.with(Map.of(ClvConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers(),
                ClvConfig.REPLICATION_FACTOR, config.replicationFactor().orElse((short) 1)));
        }
        if (config.schemaRegistryUrl().isPresent()) {
            return new BenchCluster(broker, null, config);
        }
        if (broker == null) {
            throw new IllegalArgumentException("With --bootstrap-servers, also give --schema-registry-url");
        }
        try {
            final EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), "127.0.0.1", 0,
                config.clientProperties());
            return new BenchCluster(broker, registry, config.with(Map.of(ClvConfig.SCHEMA_REGISTRY_URL, registry.url())));
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    ClvConfig config() {
        return config;
    }

    boolean embedded() {
        return broker != null;
    }

    @Override
    public void close() {
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }
}
