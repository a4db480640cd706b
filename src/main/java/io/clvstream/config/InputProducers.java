package io.clvstream.config;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Settings of the producers that write input events into topics this application may have created a moment
 * before: {@code clv ingest}, the demo's replay and the bench's pre-load.
 */
public final class InputProducers {

    private InputProducers() {
    }

    /**
     * Idempotent, acknowledged by all replicas, and one request in flight per broker. With several in flight, a
     * request that reaches a partition's new leader before the broker has taken over the partition fails with a
     * retriable NOT_LEADER_OR_FOLLOWER while the next one is appended; every retry of the first then fails with
     * OUT_OF_ORDER_SEQUENCE_NUMBER until {@code delivery.timeout.ms} drops its records (KAFKA-15591, seen here on
     * Kafka 4.3.1 as two minutes of retries and lost signups in the bench's pre-load). One in flight keeps the
     * retry ahead of what follows it. {@code linger.ms} and {@code client.id} are defaults any client setting wins over.
     */
    public static Map<String, Object> properties(Map<String, Object> clientProperties, String clientId, int lingerMs) {
        final Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return props;
    }
}
