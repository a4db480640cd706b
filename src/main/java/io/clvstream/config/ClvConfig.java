package io.clvstream.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The resolved configuration of one clv-stream process: one flat property map holding Kafka client
 * and Streams settings under their own names (passed through unchanged, SASL/SSL included), registry
 * settings under Confluent's names ({@code schema.registry.url}, {@code basic.auth.*}) and our own
 * settings under {@code clv.*}. Built by {@link ClvConfigLoader}.
 */
public final class ClvConfig {

    public static final String APPLICATION_ID = StreamsConfig.APPLICATION_ID_CONFIG;
    public static final String BOOTSTRAP_SERVERS = StreamsConfig.BOOTSTRAP_SERVERS_CONFIG;
    public static final String PROCESSING_GUARANTEE = StreamsConfig.PROCESSING_GUARANTEE_CONFIG;
    public static final String STATE_DIR = StreamsConfig.STATE_DIR_CONFIG;
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";

    public static final String DATA_DIR = "clv.data.dir";
    public static final String PARTITIONS = "clv.partitions";
    public static final String REPLICATION_FACTOR = "clv.replication.factor";
    public static final String PROVISION_TOPICS = "clv.provision.topics";
    public static final String KAFKA_PORT = "clv.kafka.port";
    public static final String REGISTRY_PORT = "clv.registry.port";
    public static final String HTTP_PORT = "clv.http.port";
    public static final String HTTP_HOST = "clv.http.host";
    /** This instance's REST address as other instances reach it; defaults to clv.http.host:port. */
    public static final String APPLICATION_SERVER = StreamsConfig.APPLICATION_SERVER_CONFIG;

    /** Our own settings; never handed to Kafka clients, which would warn about unknown names. */
    private static final String OWN_PREFIX = "clv.";
    /**
     * Our own settings that Streams hands to our {@code rocksdb.config.setter} (through its application
     * configs); so they go to Streams, but not to plain clients.
     */
    private static final String STREAMS_PLUGIN_PREFIX = "clv.rocksdb.";
    /** Settings read by the registry client and serdes only. */
    private static final Set<String> REGISTRY_PREFIXES = Set.of(
        "schema.registry.", "basic.auth.", "auto.register.schemas", "use.latest.version");

    private final Map<String, Object> properties;

    ClvConfig(Map<String, Object> properties) {
        this.properties = Collections.unmodifiableMap(new TreeMap<>(properties));
    }

    /** Every setting, for topology builders and serdes (which pick what they need). */
    public Map<String, Object> asMap() {
        return properties;
    }

    public Optional<String> get(String key) {
        final Object value = properties.get(key);
        return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString().trim());
    }

    public String applicationId() {
        return require(APPLICATION_ID);
    }

    /** Empty in embedded mode: {@code clv run} then starts its own broker. */
    public Optional<String> bootstrapServers() {
        return get(BOOTSTRAP_SERVERS);
    }

    /** Empty in embedded mode: {@code clv run} then starts its own registry. */
    public Optional<String> schemaRegistryUrl() {
        return get(SCHEMA_REGISTRY_URL);
    }

    public Path dataDir() {
        return Path.of(require(DATA_DIR));
    }

    public Path stateDir() {
        return Path.of(require(STATE_DIR));
    }

    public int partitions() {
        return Integer.parseInt(require(PARTITIONS));
    }

    /** Empty means the broker's {@code default.replication.factor}. */
    public Optional<Short> replicationFactor() {
        return get(REPLICATION_FACTOR).map(Short::parseShort);
    }

    public boolean provisionTopics() {
        return Boolean.parseBoolean(require(PROVISION_TOPICS));
    }

    public int kafkaPort() {
        return Integer.parseInt(require(KAFKA_PORT));
    }

    public int registryPort() {
        return Integer.parseInt(require(REGISTRY_PORT));
    }

    public int httpPort() {
        return Integer.parseInt(require(HTTP_PORT));
    }

    /** Interface the REST/metrics server binds to: loopback by default, {@code 0.0.0.0} in containers. */
    public String httpHost() {
        return require(HTTP_HOST);
    }

    public TopicNames topicNames() {
        return TopicNames.from(properties);
    }

    /** This configuration with {@code overrides} applied on top (e.g. the embedded broker's address). */
    public ClvConfig with(Map<String, ?> overrides) {
        final Map<String, Object> merged = new TreeMap<>(properties);
        merged.putAll(overrides);
        return new ClvConfig(merged);
    }

    /** Kafka Streams settings: everything except our own and the registry's settings. */
    public Properties streamsProperties() {
        final Properties streams = new Properties();
        properties.forEach((key, value) -> {
            if ((!key.startsWith(OWN_PREFIX) || key.startsWith(STREAMS_PLUGIN_PREFIX)) && !isRegistrySetting(key)) {
                streams.put(key, value);
            }
        });
        return streams;
    }

    /**
     * Settings for plain admin clients, producers and consumers: the Streams settings minus those only
     * Streams understands, so connection and security settings carry over without unknown-config noise.
     */
    public Map<String, Object> clientProperties() {
        final Set<String> streamsOnly = new java.util.HashSet<>(StreamsConfig.configDef().names());
        streamsOnly.removeAll(AdminClientConfig.configNames());
        final Map<String, Object> client = new TreeMap<>();
        streamsProperties().forEach((key, value) -> {
            if (!streamsOnly.contains(key.toString()) && !key.toString().startsWith(STREAMS_PLUGIN_PREFIX)) {
                client.put(key.toString(), value);
            }
        });
        return client;
    }

    /** Settings for the registry client and serdes; the whole map, as {@code ClvSerdes} picks its keys. */
    public Map<String, Object> registryProperties() {
        return properties;
    }

    private static boolean isRegistrySetting(String key) {
        return REGISTRY_PREFIXES.stream().anyMatch(key::startsWith);
    }

    private String require(String key) {
        return get(key).orElseThrow(() -> new IllegalStateException("Missing configuration \"" + key + "\""));
    }

    /** Every setting and its value, secrets masked ({@link Secrets}); for a start-up log line. */
    public String describe() {
        return "ClvConfig" + Secrets.masked(properties);
    }

    /** Names only: a config object must be safe to print by accident. */
    @Override
    public String toString() {
        return "ClvConfig" + properties.keySet();
    }
}
