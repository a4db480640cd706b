package io.clvstream.topology;

import io.clvstream.avro.Alert;
import io.clvstream.avro.CustomerSignup;
import io.clvstream.avro.CustomerValue;
import io.clvstream.avro.DeadLetter;
import io.clvstream.avro.Purchase;
import io.clvstream.avro.Refund;
import io.clvstream.avro.TierChange;
import io.clvstream.avro.internal.CustomerState;
import io.clvstream.config.TopicNames;
import io.clvstream.registry.MockSchemaRegistry;
import io.clvstream.serde.ClvSerdes;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/** A TopologyTestDriver over the production topology, with typed topics and a private mock registry scope. */
final class TopologyFixture implements AutoCloseable {

    final String scope = "topology-test-" + UUID.randomUUID();
    final Map<String, Object> config = new HashMap<>();
    final ClvSerdes serdes;
    final DeadLetterCounter deadLetterCounter = new DeadLetterCounter();
    /** What the topology reported to its listener, one line per call: "event PURCHASE 86400000", "tier UP". */
    final List<String> reported = Collections.synchronizedList(new ArrayList<>());
    final TopologyTestDriver driver;
    final TopicNames topics = TopicNames.defaults();
    final TestInputTopic<String, Purchase> purchases;
    final TestInputTopic<String, Refund> refunds;
    final TestInputTopic<String, CustomerSignup> signups;
    final TestOutputTopic<String, CustomerValue> values;
    final TestOutputTopic<String, TierChange> tierChanges;
    final TestOutputTopic<String, Alert> alerts;
    final TestOutputTopic<String, DeadLetter> deadLetters;

    TopologyFixture(Instant wallClock, Map<String, ?> settings) {
        config.put("schema.registry.url", "mock://" + scope);
        config.putAll(settings);
        serdes = ClvSerdes.create(config);
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "clv-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/clv-tests-" + scope);
        driver = new TopologyTestDriver(ClvTopology.build(config, serdes, deadLetterCounter,
            new ProcessingListener() {
                @Override
                public void eventProcessed(String type, long eventTimeMs, long processedAtMs) {
                    reported.add("event " + type + " " + (processedAtMs - eventTimeMs));
                }

                @Override
                public void tierChanged(String direction) {
                    reported.add("tier " + direction);
                }

                @Override
                public void alertEmitted(String type) {
                    reported.add("alert " + type);
                }
            }), props, wallClock);
        final StringSerializer keys = new StringSerializer();
        purchases = driver.createInputTopic(topics.purchases(), keys, serdes.purchase().serializer());
        refunds = driver.createInputTopic(topics.refunds(), keys, serdes.refund().serializer());
        signups = driver.createInputTopic(topics.signups(), keys, serdes.signup().serializer());
        final StringDeserializer keyReader = new StringDeserializer();
        values = driver.createOutputTopic(topics.customerValues(), keyReader, serdes.customerValue().deserializer());
        tierChanges = driver.createOutputTopic(topics.tierChanges(), keyReader, serdes.tierChange().deserializer());
        alerts = driver.createOutputTopic(topics.alerts(), keyReader, serdes.alert().deserializer());
        deadLetters = driver.createOutputTopic(topics.deadLetter(), keyReader, serdes.deadLetter().deserializer());
    }

    TestInputTopic<byte[], byte[]> raw(String topic) {
        return driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer());
    }

    static Purchase purchase(String orderId, String customerId, Instant at, String amount, String currency) {
        return Purchase.newBuilder().setOrderId(orderId).setCustomerId(customerId).setOccurredAt(at)
            .setAmount(new BigDecimal(amount)).setCurrency(currency).build();
    }

    void buy(String customerId, String orderId, Instant at, String amount) {
        purchases.pipeInput(customerId, purchase(orderId, customerId, at, amount, "USD"), at);
    }

    void refund(String customerId, String refundId, String orderId, Instant at, String amount) {
        refunds.pipeInput(customerId, Refund.newBuilder().setRefundId(refundId).setOrderId(orderId)
            .setCustomerId(customerId).setOccurredAt(at).setAmount(new BigDecimal(amount)).setCurrency("USD").build(), at);
    }

    void signup(String customerId, Instant at, String segment, String cac) {
        signups.pipeInput(customerId, CustomerSignup.newBuilder().setCustomerId(customerId).setSignedUpAt(at)
            .setSegment(segment).setAcquisitionChannel("search")
            .setAcquisitionCost(cac == null ? null : new BigDecimal(cac)).setCurrency("USD").build(), at);
    }

    CustomerState state(String customerId) {
        final KeyValueStore<String, CustomerState> store = driver.getKeyValueStore(ClvTopology.CUSTOMER_STATE_STORE);
        return store.get(customerId);
    }

    List<CustomerValue> values() {
        return values.readValuesToList();
    }

    CustomerValue lastValue() {
        final List<CustomerValue> all = values();
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    @Override
    public void close() {
        driver.close();
        MockSchemaRegistry.dropScope(scope);
    }
}
