package io.clvstream.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.clvstream.avro.Purchase;
import io.clvstream.registry.KafkaTestCluster;
import io.clvstream.registry.server.EmbeddedSchemaRegistry;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records written by Confluent's Python client (confluent-kafka 1.7, {@code AvroProducer}) are read
 * by our deserializer, and ours by its {@code AvroConsumer}, with the embedded registry in between.
 * Uses Debian's packages under /usr/bin/python3; a machine without them fails loudly, never skips.
 */
class PythonInteropIT {


    @RegisterExtension
    static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    private static EmbeddedSchemaRegistry registry;
    private static Map<String, String> registryConfigs;

    @TempDir
    static Path scripts;

    private static ConfluentPython python;

    @BeforeAll
    static void start() throws Exception {
        python = ConfluentPython.in(scripts);
        registry = EmbeddedSchemaRegistry.start(KAFKA.bootstrapServers(), "127.0.0.1", 0, Map.of());
        registryConfigs = Map.of("schema.registry.url", registry.url());
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void javaReadsWhatPythonAvroProducerWrote() throws Exception {
        final String topic = "python-purchases";
        python.run("produce", KAFKA.bootstrapServers(), registry.url(), topic, ConfluentPython.PURCHASE_SCHEMA.toString());

        final SpecificAvroDeserializer<Purchase> deserializer = new SpecificAvroDeserializer<>(Purchase.class);
        deserializer.configure(registryConfigs, false);
        final Purchase purchase = deserializer.deserialize(topic, readOne(topic));
        assertThat(purchase).isEqualTo(Purchase.newBuilder().setOrderId("py-1").setCustomerId("c-py")
            .setOccurredAt(Instant.parse("2026-01-02T03:04:05Z")).setAmount(new BigDecimal("123.45"))
            .setCurrency("EUR").setChannel("app").build());
    }

    @Test
    void pythonAvroConsumerReadsWhatJavaWrote() throws Exception {
        final String topic = "java-purchases";
        final SpecificAvroSerializer<Purchase> serializer = new SpecificAvroSerializer<>();
        serializer.configure(registryConfigs, false);
        try (KafkaProducer<String, Purchase> producer = new KafkaProducer<>(
            Map.of("bootstrap.servers", KAFKA.bootstrapServers()), new StringSerializer(), serializer)) {
            // No key: confluent-kafka 1.7's AvroConsumer decodes keys as Avro too; see the keyed test below.
            producer.send(new ProducerRecord<>(topic, null, Purchase.newBuilder().setOrderId("java-1").setCustomerId("c-java")
                .setOccurredAt(Instant.parse("2026-03-04T05:06:07Z")).setAmount(new BigDecimal("9876.50"))
                .setCurrency("USD").setGrossMargin(new BigDecimal("1234.25")).build())).get(30, TimeUnit.SECONDS);
        }

        final List<String> lines = python.run("consume", KAFKA.bootstrapServers(), registry.url(), topic);
        assertThat(lines).last().isEqualTo("{\"amount\": \"9876.50\", \"channel\": null, \"currency\": \"USD\", "
            + "\"customerId\": \"c-java\", \"grossMargin\": \"1234.25\", \"occurredAt\": \"2026-03-04 05:06:07+00:00\", "
            + "\"orderId\": \"java-1\"}");
    }

    @Test
    void pythonAvroConsumerReadsAvroStringKeysWhenConfigured() throws Exception {
        final String topic = "java-keyed-purchases";
        final Map<String, String> configs = Map.of("schema.registry.url", registry.url(), ClvSerdes.OUTPUT_KEY_FORMAT, "avro");
        final ClvSerdes serdes = ClvSerdes.create(configs);
        try (KafkaProducer<String, Purchase> producer = new KafkaProducer<>(Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
            serdes.outputKey().serializer(), serdes.purchase().serializer())) {
            producer.send(new ProducerRecord<>(topic, "c-keyed", Purchase.newBuilder().setOrderId("k-1").setCustomerId("c-keyed")
                .setOccurredAt(Instant.parse("2026-03-04T05:06:07Z")).setAmount(new BigDecimal("10.00"))
                .setCurrency("USD").build())).get(30, TimeUnit.SECONDS);
        }

        final List<String> lines = python.run("consume-keyed", KAFKA.bootstrapServers(), registry.url(), topic);
        assertThat(lines).last().asString().startsWith("{\"key\": \"c-keyed\", \"value\": {\"amount\": \"10.00\"");
    }

    private static byte[] readOne(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.GROUP_ID_CONFIG, "java-interop"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    return record.value();
                }
            }
        }
        return fail("No record on " + topic + " within 30 s");
    }
}
