package io.clvstream.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clvstream.avro.Purchase;
import io.clvstream.avro.Refund;
import io.clvstream.registry.MockSchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    private static final String SCOPE = "wire-format-test";
    private final Map<String, String> configs = Map.of("schema.registry.url", "mock://" + SCOPE);

    @AfterEach
    void dropScope() {
        MockSchemaRegistry.dropScope(SCOPE);
    }

    static Purchase purchase() {
        return Purchase.newBuilder().setOrderId("o-1").setCustomerId("c-1")
            .setOccurredAt(Instant.parse("2026-01-02T03:04:05Z")).setAmount(new BigDecimal("500.00"))
            .setCurrency("EUR").build();
    }

    @Test
    void framesMagicByteThenBigEndianIdThenPlainAvroBody() throws Exception {
        final SpecificAvroSerde<Purchase> serde = new SpecificAvroSerde<>(Purchase.class);
        serde.configure(configs, false);
        final byte[] bytes = serde.serializer().serialize("commerce.purchases", purchase());

        final int id = MockSchemaRegistry.store(SCOPE).lookup("commerce.purchases-value", Purchase.getClassSchema()).id();
        assertThat(bytes[0]).isEqualTo((byte) 0);
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);

        // A plain Avro decoder with the writer schema reads the body after the 5-byte header.
        final GenericRecord decoded = new GenericDatumReader<GenericRecord>(Purchase.getClassSchema())
            .read(null, DecoderFactory.get().binaryDecoder(Arrays.copyOfRange(bytes, 5, bytes.length), null));
        assertThat(decoded.get("orderId").toString()).isEqualTo("o-1");
        assertThat(decoded.get("occurredAt")).isEqualTo(Instant.parse("2026-01-02T03:04:05Z").toEpochMilli());
        // decimal(18,2) is the two's-complement unscaled value: 50000 = 0x00C350.
        final ByteBuffer amount = (ByteBuffer) decoded.get("amount");
        assertThat(new java.math.BigInteger(Arrays.copyOfRange(amount.array(), amount.position(), amount.limit())))
            .isEqualTo(50000);

        assertThat(serde.deserializer().deserialize("commerce.purchases", bytes)).isEqualTo(purchase());
    }

    @Test
    void rejectsWrongMagicByteShortHeaderUnknownIdAndWrongRecordType() {
        final SpecificAvroSerde<Purchase> serde = new SpecificAvroSerde<>(Purchase.class);
        serde.configure(configs, false);
        final SpecificAvroSerde<Refund> refunds = new SpecificAvroSerde<>(Refund.class);
        refunds.configure(configs, false);
        final byte[] good = serde.serializer().serialize("commerce.purchases", purchase());

        final byte[] badMagic = good.clone();
        badMagic[0] = 1;
        assertReason(serde, badMagic, WireFormatException.Reason.BAD_MAGIC_BYTE);
        assertReason(serde, new byte[] {0, 0, 1}, WireFormatException.Reason.TRUNCATED);
        assertReason(serde, WireFormat.frame(4242, new byte[] {2, 2}), WireFormatException.Reason.UNKNOWN_SCHEMA_ID);
        assertReason(serde, Arrays.copyOf(good, good.length - 4), WireFormatException.Reason.MALFORMED_AVRO);
        assertReason(refunds, good, WireFormatException.Reason.WRONG_RECORD_TYPE);
    }

    private static void assertReason(SpecificAvroSerde<?> serde, byte[] bytes, WireFormatException.Reason reason) {
        assertThatThrownBy(() -> serde.deserializer().deserialize("commerce.purchases", bytes))
            .isInstanceOfSatisfying(WireFormatException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void readsABodyWrittenWithAnotherSchemaThroughAvrosResolution() throws Exception {
        // An older producer's schema without the optional channel: not the class's own, so Avro's resolving reader.
        final Schema older = new Schema.Parser().parse(Purchase.getClassSchema().toString()
            .replaceFirst(",\\{\"name\":\"channel\".*?\"default\":null\\}", ""));
        assertThat(older.getField("channel")).isNull();
        final int id = MockSchemaRegistry.forScope(SCOPE).register("commerce.purchases-value", older);
        final GenericRecord record = new GenericData.Record(older);
        record.put("orderId", "o-1");
        record.put("customerId", "c-1");
        record.put("occurredAt", Instant.parse("2026-01-02T03:04:05Z").toEpochMilli());
        record.put("amount", ByteBuffer.wrap(new BigDecimal("500.00").unscaledValue().toByteArray()));
        record.put("currency", "EUR");
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(body, null);
        new GenericDatumWriter<GenericRecord>(older).write(record, encoder);
        encoder.flush();

        final SpecificAvroSerde<Purchase> serde = new SpecificAvroSerde<>(Purchase.class);
        serde.configure(configs, false);
        assertThat(serde.deserializer().deserialize("commerce.purchases", WireFormat.frame(id, body.toByteArray())))
            .isEqualTo(purchase());
    }

    @Test
    void aRecordTheCodecDoesNotCompileIsWrittenAndReadByAvro() {
        final SpecificAvroSerde<Tagged> serde = new SpecificAvroSerde<>(Tagged.class);
        serde.configure(configs, false);
        final Tagged tagged = new Tagged("t-1", Map.of("a", 1L, "ü", -2L));

        assertThat(serde.deserializer().deserialize("tags", serde.serializer().serialize("tags", tagged))).isEqualTo(tagged);
    }

    @Test
    void useLatestVersionWritesUnderTheRegisteredLatestSchemaById() throws Exception {
        // The registry's latest schema for the subject has a field this build does not know, with a default.
        final Schema evolved = new Schema.Parser().parse(Purchase.getClassSchema().toString()
            .replaceFirst("\\[", "[{\"name\":\"storeRegion\",\"type\":\"string\",\"default\":\"web\"},"));
        final MockSchemaRegistry registry = MockSchemaRegistry.forScope(SCOPE);
        registry.register("commerce.purchases-value", Purchase.getClassSchema());
        final int latestId = registry.register("commerce.purchases-value", evolved);
        final SpecificAvroSerializer<Purchase> serializer = new SpecificAvroSerializer<>(registry,
            Map.of("schema.registry.url", "mock://" + SCOPE, "use.latest.version", "true", "auto.register.schemas", "false"), false);

        final Purchase second = Purchase.newBuilder(purchase()).setOrderId("o-2").build();
        final byte[] first = serializer.serialize("commerce.purchases", purchase());
        final byte[] again = serializer.serialize("commerce.purchases", second);

        for (final byte[] bytes : new byte[][] {first, again}) {
            assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(latestId);
            final GenericRecord decoded = new GenericDatumReader<GenericRecord>(evolved)
                .read(null, DecoderFactory.get().binaryDecoder(Arrays.copyOfRange(bytes, 5, bytes.length), null));
            assertThat(decoded.get("storeRegion").toString()).isEqualTo("web");
            assertThat(decoded.get("customerId").toString()).isEqualTo("c-1");
        }
        // Each call returns its own bytes, although the encoding buffer is reused.
        final SpecificAvroSerde<Purchase> reader = new SpecificAvroSerde<>(Purchase.class);
        reader.configure(configs, false);
        assertThat(reader.deserializer().deserialize("commerce.purchases", first)).isEqualTo(purchase());
        assertThat(reader.deserializer().deserialize("commerce.purchases", again)).isEqualTo(second);
    }
}
