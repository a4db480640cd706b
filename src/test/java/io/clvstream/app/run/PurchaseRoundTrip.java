package io.clvstream.app.run;

import io.clvstream.avro.CustomerValue;
import io.clvstream.avro.Purchase;
import io.clvstream.config.TopicNames;
import io.clvstream.serde.SpecificAvroSerde;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Purchases in, customer values out, as an outside client sees them: our serdes over a registry URL. */
record PurchaseRoundTrip(String bootstrap, String registryUrl) {

    private static final TopicNames TOPICS = TopicNames.defaults();

    static Purchase purchase(String orderId, String customerId, String amount) {
        return Purchase.newBuilder().setOrderId(orderId).setCustomerId(customerId)
            .setOccurredAt(Instant.parse("2026-01-02T03:04:05Z")).setAmount(new BigDecimal(amount))
            .setCurrency("USD").build();
    }

    void produce(Purchase purchase) throws Exception {
        final SpecificAvroSerde<Purchase> serde = new SpecificAvroSerde<>(Purchase.class);
        serde.configure(Map.of("schema.registry.url", registryUrl), false);
        try (KafkaProducer<String, Purchase> producer = new KafkaProducer<>(
            Map.of("bootstrap.servers", bootstrap, "acks", "all"), new StringSerializer(), serde.serializer())) {
            producer.send(new ProducerRecord<>(TOPICS.purchases(), purchase.getCustomerId(), purchase)).get(30, TimeUnit.SECONDS);
        }
    }

    /** The first committed customer value of {@code customerId} with {@code orders} orders. */
    CustomerValue awaitValue(String customerId, int orders) {
        final SpecificAvroSerde<CustomerValue> serde = new SpecificAvroSerde<>(CustomerValue.class);
        serde.configure(Map.of("schema.registry.url", registryUrl), false);
        try (KafkaConsumer<String, CustomerValue> consumer = new KafkaConsumer<>(Map.of(
            "bootstrap.servers", bootstrap,
            "group.id", "round-trip-" + System.nanoTime(),
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
}
