package io.clvstream.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.clvstream.avro.Purchase;
import io.clvstream.registry.KafkaTestCluster;
import io.clvstream.registry.RegisteredSchema;
import io.clvstream.registry.SchemaRegistryClient;
import io.clvstream.registry.SchemaRegistryClients;
import io.clvstream.registry.server.EmbeddedSchemaRegistry;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The serde over HTTP against the embedded registry: ids in the frame are the registry's, and survive a restart. */
class RegistryWireFormatIT {

    private static KafkaTestCluster kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = KafkaTestCluster.start();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void framesTheRegistryIdAndReadsBackAfterARegistryRestart() {
        final byte[] bytes;
        final int id;
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), "127.0.0.1", 0, Map.of())) {
            final Map<String, String> configs = Map.of("schema.registry.url", registry.url());
            final SpecificAvroSerde<Purchase> serde = new SpecificAvroSerde<>(Purchase.class);
            serde.configure(configs, false);
            bytes = serde.serializer().serialize("commerce.purchases", WireFormatTest.purchase());

            final RegisteredSchema latest = SchemaRegistryClients.create(configs).getLatest("commerce.purchases-value");
            id = latest.id();
            assertThat(latest.schema()).isEqualTo(Purchase.getClassSchema());
            assertThat(bytes[0]).isZero();
            assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
        }

        try (EmbeddedSchemaRegistry restarted = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), "127.0.0.1", 0, Map.of())) {
            final SchemaRegistryClient fresh = SchemaRegistryClients.create(Map.of("schema.registry.url", restarted.url()));
            assertThat(fresh.getById(id)).isEqualTo(Purchase.getClassSchema());
            final SpecificAvroDeserializer<Purchase> deserializer = new SpecificAvroDeserializer<>(Purchase.class, fresh);
            assertThat(deserializer.deserialize("commerce.purchases", bytes)).isEqualTo(WireFormatTest.purchase());
        }
    }
}
