package io.clvstream.app;

import io.clvstream.config.ClvConfig;
import io.clvstream.config.ClvConfigLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The configuration flags every command shares; flags take precedence over file and environment. */
public final class ConfigOptions {

    @Option(names = "--config", paramLabel = "FILE",
        description = "Properties file: Kafka/Streams client settings, schema.registry.url, basic.auth.*, clv.*.")
    Path configFile;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
        description = "An existing Kafka cluster. Without it, an embedded broker is started.")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
        description = "An existing Schema Registry. Without it (embedded mode), an embedded registry is started.")
    String schemaRegistryUrl;

    @Option(names = "--data-dir", paramLabel = "DIR",
        description = "Where broker, registry and Streams state live (default: ./data).")
    Path dataDir;

    @Option(names = "--partitions", paramLabel = "N", description = "Partitions of created topics (default: 6).")
    Integer partitions;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
        description = "Any setting, repeatable (e.g. --set commit.interval.ms=100).")
    Map<String, String> settings = new LinkedHashMap<>();

    /** The flags as configuration properties, for the command-specific flags to add to. */
    public Map<String, String> flags() {
        final Map<String, String> flags = new LinkedHashMap<>(settings);
        put(flags, ClvConfig.BOOTSTRAP_SERVERS, bootstrapServers);
        put(flags, ClvConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
        put(flags, ClvConfig.DATA_DIR, dataDir);
        put(flags, ClvConfig.PARTITIONS, partitions);
        return flags;
    }

    /** Defaults, then {@code --config}, then {@code CLV_*} environment, then {@code extraFlags} and these flags. */
    public ClvConfig load(Map<String, String> extraFlags) {
        final Map<String, String> flags = flags();
        flags.putAll(extraFlags);
        return ClvConfigLoader.load(Optional.ofNullable(configFile), flags);
    }

    static void put(Map<String, String> flags, String key, Object value) {
        if (value != null) {
            flags.put(key, value.toString());
        }
    }
}
