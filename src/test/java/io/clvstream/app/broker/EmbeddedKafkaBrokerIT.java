package io.clvstream.app.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded broker as the real child JVM, on ephemeral ports and temporary data directories. */
class EmbeddedKafkaBrokerIT {

    private static final Duration START = Duration.ofSeconds(90);
    private static final String TOPIC = "it.records";

    @TempDir
    Path dataDir;

    @Test
    void keepsRecordsAcrossARestartOnTheSameDataDir() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, EmbeddedKafkaBroker.freePort(), START)) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            produce(broker.bootstrapServers(), "k1", "first");
            assertThat(readAll(broker.bootstrapServers(), 1)).containsExactly("k1=first");
        }
        assertThat(Files.exists(dataDir.resolve("kafka/data/meta.properties"))).isTrue();
        assertThat(Files.exists(dataDir.resolve("logs/broker.log"))).isTrue();

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, EmbeddedKafkaBroker.freePort(), START)) {
            produce(broker.bootstrapServers(), "k2", "second");
            assertThat(readAll(broker.bootstrapServers(), 2)).containsExactly("k1=first", "k2=second");
        }
    }

    @Test
    void childExitsWhenClosed() throws Exception {
        final ProcessHandle child;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, EmbeddedKafkaBroker.freePort(), START)) {
            child = broker.process();
            assertThat(child.isAlive()).isTrue();
        }
        assertThat(child.isAlive()).isFalse();
    }

    @Test
    void childExitsWhenItsParentIsKilled() throws Exception {
        final Process parent = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"),
            BrokerParentMain.class.getName(), dataDir.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
        final long childPid;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            final String line = out.readLine();
            assertThat(line).as("parent output").startsWith("child-pid=");
            childPid = Long.parseLong(line.substring("child-pid=".length()));
        }
        final ProcessHandle child = ProcessHandle.of(childPid).orElseThrow();

        parent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        try {
            child.onExit().get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            child.destroyForcibly();
            fail("Broker %d outlived its killed parent", childPid);
        }
        assertThat(child.isAlive()).isFalse();
    }

    private static void produce(String bootstrap, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
            Map.of("bootstrap.servers", bootstrap, "acks", "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> readAll(String bootstrap, int expected) {
        final List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
            Map.of("bootstrap.servers", bootstrap, "auto.offset.reset", "earliest", "group.id", "it-" + System.nanoTime()),
            new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (seen.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    seen.add(record.key() + "=" + record.value());
                }
            }
        }
        return seen;
    }
}
