package io.clvstream.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.clvstream.avro.Purchase;
import io.clvstream.registry.KafkaTestCluster;
import io.clvstream.registry.server.EmbeddedSchemaRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * Records written by Confluent's Python client (confluent-kafka 1.7, {@code AvroProducer}) are read
 * by our deserializer, and ours by its {@code AvroConsumer}, with the embedded registry in between.
 * Uses Debian's packages under /usr/bin/python3; a machine without them fails loudly, never skips.
 */
class PythonInteropIT {

    private static final String PYTHON = "/usr/bin/python3";
    private static final Path SCHEMA = Path.of("schemas", "Purchase.avsc");

    private static KafkaTestCluster kafka;
    private static EmbeddedSchemaRegistry registry;
    private static Map<String, String> registryConfigs;

    @TempDir
    static Path scripts;

    @BeforeAll
    static void start() throws Exception {
        requirePythonClient();
        kafka = KafkaTestCluster.start();
        registry = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), "127.0.0.1", 0, Map.of());
        registryConfigs = Map.of("schema.registry.url", registry.url());
    }

    @AfterAll
    static void stop() throws Exception {
        if (registry != null) {
            registry.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void javaReadsWhatPythonAvroProducerWrote() throws Exception {
        final String topic = "python-purchases";
        python("produce", kafka.bootstrapServers(), registry.url(), topic, SCHEMA.toAbsolutePath().toString());

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
            Map.of("bootstrap.servers", kafka.bootstrapServers()), new StringSerializer(), serializer)) {
            // No key: confluent-kafka 1.7's AvroConsumer decodes keys as Avro too, and ours are plain strings
            // (DESIGN.md). Python readers of our keyed topics pair a string key with the Avro value instead.
            producer.send(new ProducerRecord<>(topic, null, Purchase.newBuilder().setOrderId("java-1").setCustomerId("c-java")
                .setOccurredAt(Instant.parse("2026-03-04T05:06:07Z")).setAmount(new BigDecimal("9876.50"))
                .setCurrency("USD").setGrossMargin(new BigDecimal("1234.25")).build())).get(30, TimeUnit.SECONDS);
        }

        final List<String> lines = python("consume", kafka.bootstrapServers(), registry.url(), topic);
        assertThat(lines).last().isEqualTo("{\"amount\": \"9876.50\", \"channel\": null, \"currency\": \"USD\", "
            + "\"customerId\": \"c-java\", \"grossMargin\": \"1234.25\", \"occurredAt\": \"2026-03-04 05:06:07+00:00\", "
            + "\"orderId\": \"java-1\"}");
    }

    private static byte[] readOne(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
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

    /** Runs the interop script and returns its standard output lines; a non-zero exit fails with its output. */
    private static List<String> python(String... args) throws IOException, InterruptedException {
        final Path script = scripts.resolve("purchase_interop.py");
        if (!Files.exists(script)) {
            try (InputStream in = PythonInteropIT.class.getResourceAsStream("/python/purchase_interop.py")) {
                Files.copy(in, script);
            }
        }
        final List<String> command = new ArrayList<>(List.of(PYTHON, script.toString()));
        command.addAll(List.of(args));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            fail("Python interop script " + String.join(" ", args) + " failed:\n" + output);
        }
        return output.lines().filter(l -> l.startsWith("{")).toList();
    }

    private static void requirePythonClient() throws IOException, InterruptedException {
        final Process probe = new ProcessBuilder(PYTHON, "-c", "import confluent_kafka.avro, avro")
            .redirectErrorStream(true).start();
        final String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (probe.waitFor() != 0) {
            fail(PYTHON + " cannot import confluent_kafka.avro (which needs requests) and avro, needed for the Python interop test. "
                + "Install Debian's packages: apt-get install -y python3-confluent-kafka python3-avro python3-requests\n" + output);
        }
    }
}
