package io.clvstream.app;

import io.clvstream.config.ClvConfig;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where the embedded broker, registry and REST/metrics server listen: shared by {@code run} and {@code demo}. */
final class EndpointOptions {

    @Option(names = "--kafka-port", paramLabel = "PORT", description = "Embedded broker port (default: 9092).")
    Integer kafkaPort;

    @Option(names = "--registry-port", paramLabel = "PORT", description = "Embedded registry port (default: 8081).")
    Integer registryPort;

    @Option(names = "--http-port", paramLabel = "PORT",
        description = "REST/metrics server port (default: 8080; 0 picks a free one).")
    Integer httpPort;

    @Option(names = "--http-host", paramLabel = "HOST",
        description = "Interface the REST/metrics server binds to (default: 127.0.0.1; 0.0.0.0 in containers).")
    String httpHost;

    /** Adds the flags that were given to {@code flags}. */
    void putInto(Map<String, String> flags) {
        ConfigOptions.put(flags, ClvConfig.KAFKA_PORT, kafkaPort);
        ConfigOptions.put(flags, ClvConfig.REGISTRY_PORT, registryPort);
        ConfigOptions.put(flags, ClvConfig.HTTP_PORT, httpPort);
        ConfigOptions.put(flags, ClvConfig.HTTP_HOST, httpHost);
    }
}
