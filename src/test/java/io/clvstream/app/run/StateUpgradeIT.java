package io.clvstream.app.run;

import static io.clvstream.app.run.PurchaseRoundTrip.purchase;
import static org.assertj.core.api.Assertions.assertThat;

import io.clvstream.config.ClvConfig;
import io.clvstream.config.ClvConfigLoader;
import io.clvstream.registry.KafkaTestCluster;
import io.clvstream.registry.MockSchemaRegistry;
import io.clvstream.topology.ClvTopology;
import io.clvstream.topology.CustomerStateFormat;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgrade across the customer-state format: states written in format 1 (as the version before format 2 wrote
 * them; the first pass of a rolling upgrade writes the same bytes) are restored from the changelog by an instance
 * with no local state, and their refund windows still catch a repeated order.
 */
class StateUpgradeIT {

    private static final String SCOPE = "state-upgrade-it";
    private static final String CHANGELOG = "clv-stream-" + ClvTopology.CUSTOMER_STATE_STORE + "-changelog";

    @RegisterExtension
    static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    @TempDir
    Path firstDataDir;

    @TempDir
    Path secondDataDir;

    @AfterEach
    void dropScope() {
        MockSchemaRegistry.dropScope(SCOPE);
    }

    @Test
    void formatOneStatesAreRestoredAndKeepTheirRefundWindow() throws Exception {
        final PurchaseRoundTrip client = new PurchaseRoundTrip(KAFKA.bootstrapServers(), "mock://" + SCOPE);
        try (ClvRunner runner = start(firstDataDir, Map.of(CustomerStateFormat.WRITE_FORMAT, "1"))) {
            client.produce(purchase("o-1", "c-9", "42.00"));
            client.produce(purchase("o-2", "c-9", "10.00"));
            assertThat(client.awaitValue("c-9", 2).getNetRevenue()).isEqualByComparingTo(new BigDecimal("52.00"));
        }
        assertThat(formatsInChangelog()).containsOnly((byte) 1);

        try (ClvRunner runner = start(secondDataDir, Map.of())) {
            client.produce(purchase("o-1", "c-9", "42.00"));
            client.produce(purchase("o-3", "c-9", "5.00"));
            // Had the restored window lost o-1, the repeat would have made a third order of 94.00.
            assertThat(client.awaitValue("c-9", 3).getNetRevenue()).isEqualByComparingTo(new BigDecimal("57.00"));
        }
        final List<Byte> formats = formatsInChangelog();
        assertThat(formats.get(formats.size() - 1)).isEqualTo((byte) 2);
        assertThat(formats.subList(0, formats.size() - 1)).containsOnly((byte) 1);
    }

    private ClvRunner start(Path dataDir, Map<String, String> extra) throws Exception {
        final Map<String, String> settings = new HashMap<>(Map.of(
            ClvConfig.BOOTSTRAP_SERVERS, KAFKA.bootstrapServers(),
            ClvConfig.SCHEMA_REGISTRY_URL, "mock://" + SCOPE,
            ClvConfig.DATA_DIR, dataDir.toString(),
            ClvConfig.PARTITIONS, "2",
            ClvConfig.HTTP_PORT, "0",
            "commit.interval.ms", "100"));
        settings.putAll(extra);
        final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final ClvRunner runner = ClvRunner.start(ClvConfigLoader.of(settings), lines::add);
        assertThat(lines.poll(120, TimeUnit.SECONDS)).startsWith("ready:");
        return runner;
    }

    /** The format byte of each committed change of c-9's state, in changelog order. */
    private static List<Byte> formatsInChangelog() {
        final List<Byte> formats = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
            "bootstrap.servers", KAFKA.bootstrapServers(),
            "group.id", "changelog-" + System.nanoTime(),
            "auto.offset.reset", "earliest",
            "isolation.level", "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(CHANGELOG));
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int idle = 0;
            while (System.nanoTime() < deadline && (formats.isEmpty() || idle < 4)) {
                int seen = 0;
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key().equals("c-9") && record.value() != null) {
                        formats.add(record.value()[0]);
                    }
                    seen++;
                }
                idle = seen == 0 ? idle + 1 : 0;
            }
        }
        return formats;
    }
}
