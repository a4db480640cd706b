package io.clvstream.bench;

import io.clvstream.avro.CustomerSignup;
import io.clvstream.avro.Purchase;
import io.clvstream.avro.Refund;
import io.clvstream.config.FirstSendFailure;
import io.clvstream.config.InputProducers;
import io.clvstream.config.TopicNames;
import io.clvstream.serde.ClvSerdes;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes a {@link Population} to the input topics in the Schema Registry wire format, keyed by
 * customerId: signups, then purchases in calendar order, then refunds and duplicates. Record
 * timestamps are the time of sending (not the simulated event time), so broker retention never
 * deletes the pre-loaded data and every phase reads the same bytes.
 */
final class Preloader {

    static final String CURRENCY = "USD";

    private Preloader() {
    }

    static void load(Population population, TopicNames topics, ClvSerdes serdes, Map<String, Object> clientProps) {
        final Map<String, Object> props = InputProducers.properties(clientProps, "clv-bench-preload", 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        final FirstSendFailure failure = new FirstSendFailure();
        try (KafkaProducer<String, byte[]> producer =
                 new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (int c = 0; c < population.customers; c++) {
                final String id = Population.customerId(c);
                final CustomerSignup signup = CustomerSignup.newBuilder().setCustomerId(id)
                    .setSignedUpAt(Instant.ofEpochMilli(population.signupAt[c]))
                    .setSegment(Population.segment(c)).setAcquisitionChannel(Population.channel(c))
                    .setAcquisitionCost(BigDecimal.valueOf(500 + c % 4500, 2)).setCurrency(CURRENCY).build();
                producer.send(new ProducerRecord<>(topics.signups(), id,
                    serdes.signup().serializer().serialize(topics.signups(), signup)), failure);
            }
            for (int p = 0; p < population.purchaseAt.length; p++) {
                sendPurchase(producer, topics, serdes, population, p, failure);
            }
            for (int r = 0; r < population.refundOf.length; r++) {
                final int p = population.refundOf[r];
                final String customer = Population.customerId(population.purchaseCustomer[p]);
                final Refund refund = Refund.newBuilder().setRefundId("r" + r).setOrderId(Population.orderId(p))
                    .setCustomerId(customer).setOccurredAt(Instant.ofEpochMilli(population.refundAt[r]))
                    .setAmount(BigDecimal.valueOf(population.refundCents[r], 2)).setCurrency(CURRENCY).build();
                producer.send(new ProducerRecord<>(topics.refunds(), customer,
                    serdes.refund().serializer().serialize(topics.refunds(), refund)), failure);
            }
            for (final int p : population.duplicateOf) {
                sendPurchase(producer, topics, serdes, population, p, failure);
            }
            producer.flush();
        }
        // Every phase measures over this input: a record lost here would make the figures those of other data.
        failure.throwIfFailed("the bench's population");
    }

    private static void sendPurchase(KafkaProducer<String, byte[]> producer, TopicNames topics, ClvSerdes serdes,
                                     Population population, int p, FirstSendFailure failure) {
        final String customer = Population.customerId(population.purchaseCustomer[p]);
        producer.send(new ProducerRecord<>(topics.purchases(), customer,
            serdes.purchase().serializer().serialize(topics.purchases(), purchase(Population.orderId(p), customer,
                population.purchaseAt[p], population.purchaseCents[p]))), failure);
    }

    static Purchase purchase(String orderId, String customerId, long atMs, long cents) {
        return Purchase.newBuilder().setOrderId(orderId).setCustomerId(customerId)
            .setOccurredAt(Instant.ofEpochMilli(atMs)).setAmount(BigDecimal.valueOf(cents, 2))
            .setCurrency(CURRENCY).setChannel("web").build();
    }
}
