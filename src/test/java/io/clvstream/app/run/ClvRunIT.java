package io.clvstream.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.clvstream.app.broker.EmbeddedKafkaBroker;
import io.clvstream.avro.CustomerValue;
import io.clvstream.avro.Purchase;
import io.clvstream.config.ClvConfig;
import io.clvstream.config.ClvConfigLoader;
import io.clvstream.config.TopicNames;
import io.clvstream.serde.SpecificAvroSerde;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole {@code clv run} path in-process on ephemeral ports: embedded broker (child JVM), embedded
 * registry, topic provisioning and Streams; a purchase in Confluent wire format through the real
 * registry comes out as a customer value, and a restart on the same data directory resumes.
 */
class ClvRunIT {

    private static final Pattern READY = Pattern.compile("ready: kafka=(\\S+) schema-registry=(http://\\S+)");
    private static final TopicNames TOPICS = TopicNames.defaults();

    @TempDir
    Path dataDir;

    @Test
    void purchaseBecomesCustomerValueAndARestartResumes() throws Exception {
        try (Started first = start()) {
            produce(first, purchase("o-1", "500.00"));
            final CustomerValue value = awaitValue(first, "c-1", 1);
            assertThat(value.getNetRevenue()).isEqualByComparingTo(new BigDecimal("500.00"));
        }
        try (Started second = start()) {
            produce(second, purchase("o-2", "300.00"));
            final CustomerValue value = awaitValue(second, "c-1", 2);
            assertThat(value.getNetRevenue()).isEqualByComparingTo(new BigDecimal("800.00"));
        }
    }

    private Started start() throws InterruptedException {
        final ClvConfig config = ClvConfigLoader.of(Map.of(
            ClvConfig.DATA_DIR, dataDir.toString(),
            ClvConfig.KAFKA_PORT, String.valueOf(EmbeddedKafkaBroker.freePort()),
            ClvConfig.REGISTRY_PORT, "0",
            "commit.interval.ms", "100"));
        final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final ClvRunner runner = ClvRunner.start(config, lines::add);
        final String ready = lines.poll(120, TimeUnit.SECONDS);
        assertThat(ready).as("ready line").isNotNull();
        final Matcher matcher = READY.matcher(ready);
        assertThat(matcher.matches()).as(ready).isTrue();
        return new Started(runner, matcher.group(1), matcher.group(2));
    }

    private static Purchase purchase(String orderId, String amount) {
        return Purchase.newBuilder().setOrderId(orderId).setCustomerId("c-1")
            .setOccurredAt(Instant.parse("2026-01-02T03:04:05Z")).setAmount(new BigDecimal(amount))
            .setCurrency("EUR").build();
    }

    private static void produce(Started run, Purchase purchase) throws Exception {
        final SpecificAvroSerde<Purchase> serde = new SpecificAvroSerde<>(Purchase.class);
        serde.configure(Map.of("schema.registry.url", run.registryUrl()), false);
        try (KafkaProducer<String, Purchase> producer = new KafkaProducer<>(
            Map.of("bootstrap.servers", run.bootstrap(), "acks", "all"), new StringSerializer(), serde.serializer())) {
            producer.send(new ProducerRecord<>(TOPICS.purchases(), purchase.getCustomerId(), purchase)).get(30, TimeUnit.SECONDS);
        }
    }

    private static CustomerValue awaitValue(Started run, String customerId, int orders) {
        final SpecificAvroSerde<CustomerValue> serde = new SpecificAvroSerde<>(CustomerValue.class);
        serde.configure(Map.of("schema.registry.url", run.registryUrl()), false);
        try (KafkaConsumer<String, CustomerValue> consumer = new KafkaConsumer<>(Map.of(
            "bootstrap.servers", run.bootstrap(),
            "group.id", "clv-run-it-" + System.nanoTime(),
            "auto.offset.reset", "earliest",
            "isolation.level", "read_committed"), new StringDeserializer(), serde.deserializer())) {
            consumer.subscribe(List.of(TOPICS.customerValues()));
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, CustomerValue> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key().equals(customerId) && record.value().getOrders() == orders) {
                        return record.value();
                    }
                }
            }
        }
        throw new AssertionError("No customer value with " + orders + " orders for " + customerId);
    }

    private record Started(ClvRunner runner, String bootstrap, String registryUrl) implements AutoCloseable {
        @Override
        public void close() {
            runner.close();
        }
    }
}
