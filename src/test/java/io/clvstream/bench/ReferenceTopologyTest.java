package io.clvstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.clvstream.config.TopicNames;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench's yardstick: three numbers per customer, and with a shape the same numbers in a padded value plus output. */
class ReferenceTopologyTest {

    private static final TopicNames TOPICS = TopicNames.defaults();

    /** A state directory of this test's own, so two builds running it at once do not share one. */
    @TempDir
    Path stateDir;

    @Test
    void theBareReferenceKeepsThreeNumbersPerCustomerAndPublishesNothing() {
        final Topology topology = ReferenceTopology.build(TOPICS, ReferenceShape.BARE);
        assertThat(topology.describe().toString()).contains(ReferenceTopology.STORE).doesNotContain("reference-sink");

        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props())) {
            pipeThreeEvents(driver);
            final byte[] totals = (byte[]) driver.getKeyValueStore(ReferenceTopology.STORE).get("c1");
            assertThat(totals).hasSize(24);
            assertThat(numbers(totals)).containsExactly(3L, 10L + 30 + 20, 30L);
        }
    }

    @Test
    void aShapedReferencePadsItsStateAndPublishesOneValuePerEvent() {
        final Topology topology = ReferenceTopology.build(TOPICS, new ReferenceShape(190, 180));
        assertThat(topology.describe().toString()).contains("reference-sink");

        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props())) {
            pipeThreeEvents(driver);
            final byte[] totals = (byte[]) driver.getKeyValueStore(ReferenceTopology.STORE).get("c1");
            assertThat(totals).hasSize(190);
            assertThat(numbers(totals)).containsExactly(3L, 60L, 30L);
            final TestOutputTopic<String, byte[]> values = driver.createOutputTopic(ReferenceTopology.valuesTopic(TOPICS),
                Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
            final List<TestRecord<String, byte[]>> published = values.readRecordsToList();
            assertThat(published).hasSize(3).allSatisfy(value -> {
                assertThat(value.key()).isEqualTo("c1");
                assertThat(value.value()).hasSize(180);
            });
        }
    }

    private static void pipeThreeEvents(TopologyTestDriver driver) {
        final TestInputTopic<String, byte[]> purchases = driver.createInputTopic(TOPICS.purchases(),
            Serdes.String().serializer(), Serdes.ByteArray().serializer());
        final TestInputTopic<String, byte[]> refunds = driver.createInputTopic(TOPICS.refunds(),
            Serdes.String().serializer(), Serdes.ByteArray().serializer());
        purchases.pipeInput("c1", new byte[10]);
        purchases.pipeInput("c1", new byte[30]);
        refunds.pipeInput("c1", new byte[20]);
    }

    private static List<Long> numbers(byte[] totals) {
        final ByteBuffer in = ByteBuffer.wrap(totals);
        return List.of(in.getLong(), in.getLong(), in.getLong());
    }

    private Properties props() {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "reference-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return props;
    }
}
