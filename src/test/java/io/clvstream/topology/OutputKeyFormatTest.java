package io.clvstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.clvstream.registry.MockSchemaRegistry;
import io.clvstream.serde.ClvSerdes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

class OutputKeyFormatTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void keysArePlainUtf8ByDefault() {
        try (TopologyFixture fixture = new TopologyFixture(T0, Map.of())) {
            fixture.buy("c-1", "o-1", T0, "10.00");
            final byte[] key = fixture.driver.createOutputTopic(fixture.topics.customerValues(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer()).readKeyValue().key;
            assertThat(key).isEqualTo("c-1".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void avroKeyFormatWritesAnAvroStringInWireFormatUnderTheKeySubject() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(T0, Map.of(ClvSerdes.OUTPUT_KEY_FORMAT, "avro"))) {
            fixture.buy("c-1", "o-1", T0, "10.00");
            final byte[] key = fixture.driver.createOutputTopic(fixture.topics.customerValues(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer()).readKeyValue().key;

            final int id = MockSchemaRegistry.store(fixture.scope)
                .lookup(fixture.topics.customerValues() + "-key", Schema.create(Schema.Type.STRING)).id();
            assertThat(key[0]).isZero();
            assertThat(ByteBuffer.wrap(key, 1, 4).getInt()).isEqualTo(id);
            // Avro string = zig-zag length (3 → 6) then the UTF-8 bytes.
            assertThat(Arrays.copyOfRange(key, 5, key.length)).containsExactly(6, 'c', '-', '1');
            assertThat(DecoderFactory.get().binaryDecoder(key, 5, key.length - 5, null).readString()).isEqualTo("c-1");
        }
    }
}
