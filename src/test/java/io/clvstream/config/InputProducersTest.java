package io.clvstream.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class InputProducersTest {

    @Test
    void oneIdempotentRequestInFlightWhateverTheClientSays() {
        final Map<String, Object> props = InputProducers.properties(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092",
            ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
            ProducerConfig.ACKS_CONFIG, "1"), "clv-test", 20);

        assertThat(props).containsEntry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1)
            .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
            .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
            .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092")
            .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 20)
            .containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "clv-test");
        // Kafka's own validation accepts the combination (idempotence allows at most 5 in flight).
        assertThat(new ProducerConfig(withSerializers(props)).getInt(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION))
            .isEqualTo(1);
    }

    @Test
    void aClientsLingerAndIdWin() {
        final Map<String, Object> props = InputProducers.properties(Map.of(
            ProducerConfig.LINGER_MS_CONFIG, 50, ProducerConfig.CLIENT_ID_CONFIG, "mine"), "clv-test", 20);

        assertThat(props).containsEntry(ProducerConfig.LINGER_MS_CONFIG, 50).containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "mine");
    }

    private static Map<String, Object> withSerializers(Map<String, Object> props) {
        final Map<String, Object> all = new HashMap<>(props);
        all.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        all.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return all;
    }
}
