package io.clvstream.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clvstream.avro.Purchase;
import io.clvstream.avro.Refund;
import io.clvstream.config.TopicNames;
import io.clvstream.registry.MockSchemaRegistry;
import io.clvstream.registry.RegisteredSchema;
import io.clvstream.registry.SchemaRegistryClient;
import io.clvstream.registry.SchemaRegistryException;
import io.clvstream.serde.ClvSerdes;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/**
 * A registry that cannot answer fails the task instead of dead-lettering the record; once it answers
 * again the same record is processed normally. (The thread replacement and EOS re-read that happen
 * in between on a real broker are covered by RegistryOutageIT.)
 */
class RegistryOutageTopologyTest {

    static final Instant CLOCK = Instant.parse("2026-01-02T00:00:00Z");

    /** Delegates to a mock registry, except that lookups by id fail with 503 while {@code down}. */
    static final class FlakyRegistry implements SchemaRegistryClient {
        final SchemaRegistryClient delegate;
        volatile boolean down;

        FlakyRegistry(SchemaRegistryClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public int register(String subject, Schema schema) {
            return delegate.register(subject, schema);
        }

        @Override
        public int getId(String subject, Schema schema) {
            return delegate.getId(subject, schema);
        }

        @Override
        public Schema getById(int id) {
            if (down) {
                throw new SchemaRegistryException(503, SchemaRegistryException.UNAVAILABLE, "Schema registry unreachable");
            }
            return delegate.getById(id);
        }

        @Override
        public RegisteredSchema getLatest(String subject) {
            return delegate.getLatest(subject);
        }

        @Override
        public boolean testCompatibility(String subject, Schema schema) {
            return delegate.testCompatibility(subject, schema);
        }
    }

    @Test
    void registryOutageFailsTheTaskAndDeadLettersNothing() {
        final String scope = "outage-" + UUID.randomUUID();
        final Map<String, Object> config = Map.of("schema.registry.url", "mock://" + scope);
        final FlakyRegistry registry = new FlakyRegistry(MockSchemaRegistry.forScope(scope));
        final ClvSerdes serdes = ClvSerdes.create(registry, config);
        final TopicNames topics = TopicNames.defaults();
        final DeadLetterCounter counter = new DeadLetterCounter();
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "clv-outage-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/clv-tests-" + scope);
        try (TopologyTestDriver driver = new TopologyTestDriver(ClvTopology.build(config, serdes, counter), props, CLOCK)) {
            final TestInputTopic<byte[], byte[]> purchases =
                driver.createInputTopic(topics.purchases(), new ByteArraySerializer(), new ByteArraySerializer());
            final TestInputTopic<byte[], byte[]> refunds =
                driver.createInputTopic(topics.refunds(), new ByteArraySerializer(), new ByteArraySerializer());
            final TestOutputTopic<String, io.clvstream.avro.CustomerValue> values =
                driver.createOutputTopic(topics.customerValues(), new StringDeserializer(), serdes.customerValue().deserializer());
            final byte[] key = "c-1".getBytes(StandardCharsets.UTF_8);
            final Instant at = CLOCK.minusSeconds(3_600);
            purchases.pipeInput(key, serdes.purchase().serializer().serialize(topics.purchases(), Purchase.newBuilder()
                .setOrderId("o-1").setCustomerId("c-1").setOccurredAt(at).setAmount(new BigDecimal("50.00"))
                .setCurrency("USD").build()), at);
            assertThat(values.readValue().getOrders()).isEqualTo(1);

            // A refund: its schema id has not been looked up by the topology yet.
            final byte[] refund = serdes.refund().serializer().serialize(topics.refunds(), Refund.newBuilder()
                .setRefundId("r-1").setOrderId("o-1").setCustomerId("c-1").setOccurredAt(at)
                .setAmount(new BigDecimal("20.00")).setCurrency("USD").build());
            registry.down = true;
            assertThatThrownBy(() -> refunds.pipeInput(key, refund, at))
                .hasStackTraceContaining("Schema registry unreachable");
            assertThat(counter.total()).as("nothing dead-lettered").isZero();
            assertThat(driver.producedTopicNames()).doesNotContain(topics.deadLetter());

            registry.down = false;
            refunds.pipeInput(key, refund, at);
            assertThat(values.readValue().getNetRevenue()).isEqualByComparingTo("30.00");
            assertThat(counter.total()).isZero();
        } finally {
            MockSchemaRegistry.dropScope(scope);
        }
    }
}
