package io.clvstream.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.clvstream.avro.CustomerSignup;
import io.clvstream.avro.CustomerValue;
import io.clvstream.avro.Purchase;
import io.clvstream.avro.Refund;
import io.clvstream.config.ClvConfig;
import io.clvstream.config.ClvConfigLoader;
import io.clvstream.config.TopicNames;
import io.clvstream.registry.KafkaTestCluster;
import io.clvstream.registry.server.EmbeddedSchemaRegistry;
import io.clvstream.serde.ClvSerdes;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code clv run} against a real broker while its schema registry is stopped and started again:
 * records produced during the outage (with schema ids the application has not looked up yet) are
 * all processed once it is back, none is dead-lettered, and the instance keeps running.
 */
class RegistryOutageIT {

    private static final TopicNames TOPICS = TopicNames.defaults();
    private static final Instant AT = Instant.now().minus(Duration.ofHours(2));
    private static final int CUSTOMERS = 8;

    @RegisterExtension
    static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    @TempDir
    Path dataDir;

    @Test
    void recordsProducedDuringAnOutageAreProcessedWhenTheRegistryReturns() throws Exception {
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(KAFKA.bootstrapServers(), "127.0.0.1", 0, Map.of());
        final int registryPort = URI.create(registry.url()).getPort();
        final ListAppender<ILoggingEvent> policyLog = capture();
        final ClvConfig config = ClvConfigLoader.of(Map.of(
            ClvConfig.BOOTSTRAP_SERVERS, KAFKA.bootstrapServers(),
            ClvConfig.SCHEMA_REGISTRY_URL, registry.url(),
            ClvConfig.DATA_DIR, dataDir.toString(),
            ClvConfig.PARTITIONS, "2",
            ClvConfig.HTTP_PORT, "0",
            "commit.interval.ms", "100",
            "schema.registry.retry.timeout.ms", "1000"));
        final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        try (ClvRunner runner = ClvRunner.start(config, lines::add);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", KAFKA.bootstrapServers(),
                 "acks", "all"), new StringSerializer(), new ByteArraySerializer())) {
            assertThat(lines.poll(120, TimeUnit.SECONDS)).startsWith("ready:");
            // Encoded while the registry is up, so the producer needs no registry during the outage.
            final ClvSerdes serdes = ClvSerdes.create(Map.of("schema.registry.url", registry.url()));
            send(producer, TOPICS.purchases(), "c-0", serdes.purchase().serializer().serialize(TOPICS.purchases(), purchase("o-0", "c-0", "10.00")));
            assertThat(awaitValues(registry.url(), Map.of("c-0", new BigDecimal("10.00"))))
                .as("the application has read a purchase before the outage").isTrue();
            final List<ProducerRecord<String, byte[]>> duringOutage = new ArrayList<>();
            final Map<String, BigDecimal> expected = new HashMap<>();
            for (int i = 1; i <= CUSTOMERS; i++) {
                final String customer = "c-" + i;
                duringOutage.add(new ProducerRecord<>(TOPICS.signups(), customer, serdes.signup().serializer().serialize(TOPICS.signups(),
                    CustomerSignup.newBuilder().setCustomerId(customer).setSignedUpAt(AT).setSegment("retail").setCurrency("USD").build())));
                duringOutage.add(new ProducerRecord<>(TOPICS.purchases(), customer,
                    serdes.purchase().serializer().serialize(TOPICS.purchases(), purchase("o-" + i, customer, "100.00"))));
                duringOutage.add(new ProducerRecord<>(TOPICS.refunds(), customer, serdes.refund().serializer().serialize(TOPICS.refunds(),
                    Refund.newBuilder().setRefundId("r-" + i).setOrderId("o-" + i).setCustomerId(customer).setOccurredAt(AT)
                        .setAmount(new BigDecimal(i + ".00")).setCurrency("USD").build())));
                expected.put(customer, new BigDecimal(100 - i + ".00"));
            }

            registry.close();
            for (final ProducerRecord<String, byte[]> record : duringOutage) {
                producer.send(record).get(30, TimeUnit.SECONDS);
            }
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (policyLog.list.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(policyLog.list).as("a stream thread met the outage and was replaced").isNotEmpty();
            assertThat(runner.failed()).isFalse();

            registry = EmbeddedSchemaRegistry.start(KAFKA.bootstrapServers(), "127.0.0.1", registryPort, Map.of());
            assertThat(awaitValues(registry.url(), expected)).as("every record of the outage processed").isTrue();
            assertThat(deadLetters()).as("nothing dead-lettered").isZero();
            assertThat(runner.failed()).isFalse();
        } finally {
            registry.close();
            ((Logger) LoggerFactory.getLogger(StreamThreadFailurePolicy.class)).detachAppender(policyLog);
        }
    }

    private static Purchase purchase(String orderId, String customerId, String amount) {
        return Purchase.newBuilder().setOrderId(orderId).setCustomerId(customerId).setOccurredAt(AT)
            .setAmount(new BigDecimal(amount)).setCurrency("USD").build();
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    }

    /** True once the committed customer values show {@code expected} net revenue for every customer. */
    private static boolean awaitValues(String registryUrl, Map<String, BigDecimal> expected) {
        final ClvSerdes serdes = ClvSerdes.create(Map.of("schema.registry.url", registryUrl));
        final Map<String, BigDecimal> seen = new HashMap<>();
        try (KafkaConsumer<String, CustomerValue> consumer = new KafkaConsumer<>(Map.of(
            "bootstrap.servers", KAFKA.bootstrapServers(), "group.id", "outage-it-" + System.nanoTime(),
            "auto.offset.reset", "earliest", "isolation.level", "read_committed"),
            new StringDeserializer(), serdes.customerValue().deserializer())) {
            consumer.subscribe(List.of(TOPICS.customerValues()));
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline) {
                for (final ConsumerRecord<String, CustomerValue> record : consumer.poll(Duration.ofMillis(500))) {
                    seen.put(record.key(), record.value().getNetRevenue());
                }
                if (expected.entrySet().stream().allMatch(e -> seen.get(e.getKey()) != null
                    && seen.get(e.getKey()).compareTo(e.getValue()) == 0)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int deadLetters() {
        int count = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
            "bootstrap.servers", KAFKA.bootstrapServers(), "group.id", "outage-it-dl-" + System.nanoTime(),
            "auto.offset.reset", "earliest", "isolation.level", "read_committed"),
            new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPICS.deadLetter()));
            for (int i = 0; i < 6; i++) {
                count += consumer.poll(Duration.ofMillis(500)).count();
            }
        }
        return count;
    }

    private static ListAppender<ILoggingEvent> capture() {
        final ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(StreamThreadFailurePolicy.class)).addAppender(appender);
        return appender;
    }
}
