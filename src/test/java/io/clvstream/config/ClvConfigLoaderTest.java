package io.clvstream.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClvConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void defaultsMatchTheDesign() {
        final ClvConfig config = ClvConfigLoader.of(Map.of());

        assertThat(config.applicationId()).isEqualTo("clv-stream");
        assertThat(config.asMap()).containsEntry("processing.guarantee", "exactly_once_v2");
        assertThat(config.partitions()).isEqualTo(6);
        assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(config.stateDir()).isEqualTo(Path.of("./data/streams"));
        assertThat(config.kafkaPort()).isEqualTo(9092);
        assertThat(config.registryPort()).isEqualTo(8081);
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.bootstrapServers()).isEmpty();
        assertThat(config.schemaRegistryUrl()).isEmpty();
        assertThat(config.replicationFactor()).isEmpty();
        assertThat(config.provisionTopics()).isTrue();
    }

    @Test
    void streamsSeesTheThroughputSettings() {
        // Streams insists on a broker address, which the defaults leave to the embedded broker.
        final StreamsConfig streams = new StreamsConfig(
            ClvConfigLoader.of(Map.of("bootstrap.servers", "localhost:1")).streamsProperties());

        // The ledger holds a refund that overtakes its purchase, so tasks need not wait for an empty input.
        assertThat(streams.getLong(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)).isEqualTo(-1L);
        assertThat(streams.getLong(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG)).isEqualTo(64L * 1024 * 1024);
        assertThat(streams.getProducerConfigs("client").get(ProducerConfig.BATCH_SIZE_CONFIG)).isEqualTo(String.valueOf(128 * 1024));
    }

    @Test
    void twoStreamThreadsUnlessALayerSaysOtherwise() {
        final Map<String, String> broker = Map.of("bootstrap.servers", "localhost:1");
        // Kafka's own default is one thread; ours must reach Streams, and a layer must still win.
        assertThat(StreamsConfig.configDef().defaultValues()).containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        assertThat(new StreamsConfig(ClvConfigLoader.of(broker).streamsProperties())
            .getInt(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo(2);
        final ClvConfig fromEnv = ClvConfigLoader.load(Optional.empty(), Map.of("CLV_NUM_STREAM_THREADS", "1"), Map.of());
        assertThat(fromEnv.asMap()).containsEntry("num.stream.threads", "1");
    }

    @Test
    void exactlyOnceCommitsEvery50MsUnlessALayerSaysOtherwise() {
        final Map<String, String> broker = Map.of("bootstrap.servers", "localhost:1");
        assertThat(new StreamsConfig(ClvConfigLoader.of(broker).streamsProperties())
            .getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(50L);

        final Map<String, String> atLeastOnce = Map.of("bootstrap.servers", "localhost:1",
            "processing.guarantee", "at_least_once");
        // Streams' own default for at-least-once (30 s), not ours.
        assertThat(ClvConfigLoader.of(atLeastOnce).asMap()).doesNotContainKey("commit.interval.ms");
        assertThat(new StreamsConfig(ClvConfigLoader.of(atLeastOnce).streamsProperties())
            .getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(30_000L);

        final ClvConfig fromEnv = ClvConfigLoader.load(Optional.empty(), Map.of("CLV_COMMIT_INTERVAL_MS", "200"), Map.of());
        assertThat(fromEnv.asMap()).containsEntry("commit.interval.ms", "200");
    }

    @Test
    void fileOverridesDefaultsEnvironmentOverridesFileFlagsOverrideAll() throws Exception {
        final Path file = dir.resolve("clv.properties");
        Files.writeString(file, """
            application.id=from-file
            clv.partitions=3
            bootstrap.servers=file:9092
            linger.ms=5
            """);
        final Map<String, String> env = Map.of(
            "CLV_CLV_PARTITIONS", "4",
            "CLV_BOOTSTRAP_SERVERS", "env:9092");
        final Map<String, String> flags = Map.of("bootstrap.servers", "flag:9092");

        final ClvConfig config = ClvConfigLoader.load(Optional.of(file), env, flags);

        assertThat(config.applicationId()).isEqualTo("from-file");
        assertThat(config.asMap()).containsEntry("linger.ms", "5");
        assertThat(config.partitions()).isEqualTo(4);
        assertThat(config.bootstrapServers()).contains("flag:9092");
    }

    @Test
    void stateDirFollowsTheDataDirOfWhicheverLayerSetIt() {
        final ClvConfig fromEnv = ClvConfigLoader.load(Optional.empty(), Map.of("CLV_CLV_DATA_DIR", "/srv/clv"), Map.of());
        assertThat(fromEnv.stateDir()).isEqualTo(Path.of("/srv/clv/streams"));

        final ClvConfig explicit = ClvConfigLoader.of(Map.of("clv.data.dir", "/srv/clv", "state.dir", "/fast/state"));
        assertThat(explicit.stateDir()).isEqualTo(Path.of("/fast/state"));
    }

    @Test
    void ignoresEnvironmentVariablesWithoutThePrefix() {
        final ClvConfig config = ClvConfigLoader.load(Optional.empty(),
            Map.of("BOOTSTRAP_SERVERS", "x:1", "PATH", "/bin", "CLV_", "empty-name"), Map.of());

        assertThat(config.bootstrapServers()).isEmpty();
        assertThat(config.asMap()).doesNotContainKeys("path", "");
    }
}
