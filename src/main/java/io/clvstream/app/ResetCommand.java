package io.clvstream.app;

import io.clvstream.config.ClvConfig;
import io.clvstream.serde.ClvSerdes;
import io.clvstream.topology.ClvTopology;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code clv reset}: deletes this instance's local Streams state, so the next {@code clv run} rebuilds
 * it from the changelogs. Deliberately a separate command: {@code run} never wipes state.
 */
@Command(name = "reset", mixinStandardHelpOptions = true,
    description = {"Deletes the local Kafka Streams state of the application id (run must be stopped).",
        "Topics, offsets and broker data are kept."})
final class ResetCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() {
        final ClvConfig loaded = options.load(Map.of());
        // Nothing is serialized and nothing connects here: an address and an in-memory registry do.
        final ClvConfig config = loaded.with(Map.of(
            ClvConfig.BOOTSTRAP_SERVERS, loaded.bootstrapServers().orElse("127.0.0.1:" + loaded.kafkaPort()),
            ClvConfig.SCHEMA_REGISTRY_URL, "mock://clv-reset"));
        final ClvSerdes serdes = ClvSerdes.create(config.registryProperties());
        try (KafkaStreams streams = new KafkaStreams(ClvTopology.build(config.asMap(), serdes), config.streamsProperties())) {
            // Throws if another instance holds the state directory lock, i.e. while `clv run` is up.
            streams.cleanUp();
        }
        System.out.println("reset: deleted local state of " + config.applicationId() + " in " + config.stateDir());
        return 0;
    }
}
