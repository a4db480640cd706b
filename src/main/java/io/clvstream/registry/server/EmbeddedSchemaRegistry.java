package io.clvstream.registry.server;

import io.clvstream.registry.SchemaStore;
import io.javalin.Javalin;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Schema-Registry-compatible HTTP endpoint for the zero-setup mode of {@code clv run}: serves
 * Confluent's REST API (the subset in {@link RegistryRoutes}) and keeps its state in the compacted
 * {@code _schemas} topic of the given cluster, so a restart on the same broker data hands out the
 * same ids and versions. It starts serving only after the topic has been replayed.
 *
 * <p>Meant for one instance per cluster: it does not follow changes made by another writer.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);

    private final Javalin server;
    private final KafkaSchemaJournal journal;
    private final String url;

    private EmbeddedSchemaRegistry(Javalin server, KafkaSchemaJournal journal, String url) {
        this.server = server;
        this.journal = journal;
        this.url = url;
    }

    /**
     * Replays the schemas topic of {@code bootstrapServers} (creating it if missing) and starts serving
     * on {@code host}:{@code port} (port 0 picks a free one). {@code kafkaClientProps} are extra Kafka
     * client settings such as SASL/SSL, and may carry Confluent's {@code kafkastore.topic} and
     * {@code kafkastore.topic.replication.factor} (default {@code _schemas} and 1).
     */
    public static EmbeddedSchemaRegistry start(String bootstrapServers, String host, int port, Map<String, Object> kafkaClientProps) {
        final SchemaStore store = new SchemaStore();
        final KafkaSchemaJournal journal = KafkaSchemaJournal.attach(bootstrapServers, kafkaClientProps, store);
        try {
            final Javalin server = Javalin.create(config -> config.showJavalinBanner = false);
            RegistryRoutes.install(server, store);
            server.start(host, port);
            final String url = "http://" + urlHost(host) + ":" + server.port();
            LOG.info("Schema registry serving {} with state in Kafka at {}", url, bootstrapServers);
            return new EmbeddedSchemaRegistry(server, journal, url);
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
    }

    /** The base URL clients use, with the actually bound port. */
    public String url() {
        return url;
    }

    @Override
    public void close() {
        server.stop();
        journal.close();
    }

    /** A wildcard bind address is not something a client can connect to; loopback is. */
    private static String urlHost(String host) {
        if ("0.0.0.0".equals(host) || "::".equals(host) || host.isEmpty()) {
            return "127.0.0.1";
        }
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
