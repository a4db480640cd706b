package io.clvstream.app.run;

import static io.clvstream.app.run.PurchaseRoundTrip.purchase;
import static org.assertj.core.api.Assertions.assertThat;

import io.clvstream.config.ClvConfig;
import io.clvstream.config.ClvConfigLoader;
import io.clvstream.registry.KafkaTestCluster;
import io.clvstream.registry.MockSchemaRegistry;
import io.clvstream.topology.ClvTopology;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code clv run} against an existing cluster and registry: no embedded parts, topics provisioned. */
class ClvRunExternalIT {

    private static final String SCOPE = "clv-run-external-it";

    @RegisterExtension
    static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    @TempDir
    Path dataDir;

    @AfterEach
    void dropScope() {
        MockSchemaRegistry.dropScope(SCOPE);
    }

    @Test
    void runsTheTopologyOnTheGivenClusterAndRegistry() throws Exception {
        final String registryUrl = "mock://" + SCOPE;
        final ClvConfig config = ClvConfigLoader.of(Map.of(
            ClvConfig.BOOTSTRAP_SERVERS, KAFKA.bootstrapServers(),
            ClvConfig.SCHEMA_REGISTRY_URL, registryUrl,
            ClvConfig.DATA_DIR, dataDir.toString(),
            ClvConfig.PARTITIONS, "2",
            ClvConfig.HTTP_PORT, "0",
            "commit.interval.ms", "100"));
        final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        try (ClvRunner runner = ClvRunner.start(config, lines::add)) {
            assertThat(lines.poll(120, TimeUnit.SECONDS))
                .matches(Pattern.quote("ready: kafka=" + KAFKA.bootstrapServers() + " schema-registry=" + registryUrl)
                    + " http=http://127\\.0\\.0\\.1:\\d+");

            final PurchaseRoundTrip client = new PurchaseRoundTrip(KAFKA.bootstrapServers(), registryUrl);
            client.produce(purchase("o-1", "c-9", "42.00"));
            assertThat(client.awaitValue("c-9", 1).getNetRevenue()).isEqualByComparingTo(new BigDecimal("42.00"));
            // Small changelog segments reach the topics Streams creates, so compaction can keep restores short.
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()))) {
                final ConfigResource changelog = new ConfigResource(ConfigResource.Type.TOPIC,
                    "clv-stream-" + ClvTopology.CUSTOMER_STATE_STORE + "-changelog");
                assertThat(admin.describeConfigs(List.of(changelog)).all().get().get(changelog)
                    .get(TopicConfig.SEGMENT_BYTES_CONFIG).value())
                    .isEqualTo(String.valueOf(ClvConfigLoader.CHANGELOG_SEGMENT_BYTES));
            }
        }
        assertThat(dataDir.resolve("kafka")).as("no embedded broker data").doesNotExist();
    }
}
