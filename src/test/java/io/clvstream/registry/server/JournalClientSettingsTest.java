package io.clvstream.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.clvstream.security.SecureSettings;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The embedded registry's own Kafka producer keeps the operator's security settings. */
class JournalClientSettingsTest {

    @Test
    void producerKeepsSecuritySettings() {
        final Map<String, Object> client = new HashMap<>(SecureSettings.kafka());
        client.put("bootstrap.servers", "broker:9093");
        assertThat(KafkaSchemaJournal.producerProps(client)).containsAllEntriesOf(SecureSettings.kafka())
            .containsEntry("acks", "all");
    }
}
