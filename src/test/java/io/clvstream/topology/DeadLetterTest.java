package io.clvstream.topology;

import static io.clvstream.topology.TopologyFixture.purchase;
import static org.assertj.core.api.Assertions.assertThat;

import io.clvstream.avro.DeadLetter;
import io.clvstream.avro.Purchase;
import io.clvstream.avro.Refund;
import io.clvstream.serde.WireFormat;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every way an input record can be rejected ends as one dead letter with the original bytes; nothing stops. */
class DeadLetterTest {

    static final Instant CLOCK = Instant.parse("2026-01-02T00:00:00Z");
    static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    TopologyFixture f;
    TestInputTopic<byte[], byte[]> rawPurchases;
    TestInputTopic<byte[], byte[]> rawRefunds;

    @BeforeEach
    void start() {
        f = new TopologyFixture(CLOCK, Map.of("clv.currency.rates", "EUR:1.10"));
        rawPurchases = f.raw(f.topics.purchases());
        rawRefunds = f.raw(f.topics.refunds());
    }

    @AfterEach
    void stop() {
        f.close();
    }

    byte[] good() {
        return encode(purchase("o-1", "c-1", AT, "10.00", "USD"));
    }

    byte[] encode(Purchase purchase) {
        return f.serdes.purchase().serializer().serialize(f.topics.purchases(), purchase);
    }

    DeadLetter reject(byte[] value, String expectedCode) {
        final byte[] key = "c-1".getBytes(StandardCharsets.UTF_8);
        rawPurchases.pipeInput(key, value, AT);
        final DeadLetter letter = f.deadLetters.readValue();
        assertThat(letter.getReasonCode()).isEqualTo(expectedCode);
        assertThat(letter.getSourceTopic()).isEqualTo("commerce.purchases");
        assertThat(letter.getPartition()).isZero();
        assertThat(letter.getKey()).isEqualTo(ByteBuffer.wrap(key));
        assertThat(letter.getValue()).isEqualTo(value == null ? null : ByteBuffer.wrap(value));
        assertThat(letter.getReason()).isNotBlank();
        assertThat(letter.getOccurredAt()).isEqualTo(CLOCK);
        assertThat(f.values.isEmpty()).isTrue();
        return letter;
    }

    @Test
    void wireFormatFailures() {
        final byte[] badMagic = good();
        badMagic[0] = 7;
        assertThat(reject(badMagic, "BAD_MAGIC_BYTE").getErrorClass()).isEqualTo("io.clvstream.serde.WireFormatException");
        reject(WireFormat.frame(987_654, new byte[] {2, 4, 6}), "UNKNOWN_SCHEMA_ID");
        reject(new byte[] {0, 0, 1}, "TRUNCATED");
        reject(Arrays.copyOf(good(), good().length - 4), "MALFORMED_AVRO");
        reject(null, "EMPTY");
        final Refund refund = Refund.newBuilder().setRefundId("r").setOrderId("o").setCustomerId("c-1")
            .setOccurredAt(AT).setAmount(BigDecimal.ONE).setCurrency("USD").build();
        reject(f.serdes.refund().serializer().serialize("other-topic", refund), "WRONG_RECORD_TYPE");
        assertThat(f.deadLetterCounter.total()).isEqualTo(6);
    }

    @Test
    void validationFailures() {
        reject(encode(purchase(" ", "c-1", AT, "10.00", "USD")), "MISSING_ID");
        reject(encode(purchase("o-1", "", AT, "10.00", "USD")), "MISSING_ID");
        reject(encode(purchase("o-1", "c-1", AT, "-0.01", "USD")), "NEGATIVE_AMOUNT");
        final DeadLetter future = reject(encode(purchase("o-1", "c-1", CLOCK.plusSeconds(86_401), "1.00", "USD")),
            "FUTURE_TIMESTAMP");
        assertThat(future.getErrorClass()).isEqualTo("VALIDATION");
        reject(encode(purchase("o-1", "c-1", Instant.parse("1899-12-31T23:59:59Z"), "1.00", "USD")), "TIMESTAMP_TOO_OLD");
        assertThat(reject(encode(purchase("o-1", "c-1", AT, "1.00", "XYZ")), "UNKNOWN_CURRENCY").getReason())
            .contains("XYZ");

        final Refund zero = Refund.newBuilder().setRefundId("r").setOrderId("o").setCustomerId("c-1")
            .setOccurredAt(AT).setAmount(BigDecimal.ZERO).setCurrency("USD").build();
        rawRefunds.pipeInput("c-1".getBytes(StandardCharsets.UTF_8),
            f.serdes.refund().serializer().serialize(f.topics.refunds(), zero), AT);
        assertThat(f.deadLetters.readValue().getReasonCode()).isEqualTo("NON_POSITIVE_REFUND");
        assertThat(f.deadLetterCounter.snapshot()).containsEntry("MISSING_ID", 2L).containsEntry("UNKNOWN_CURRENCY", 1L);
    }

    @Test
    void zeroAmountPurchaseIsValidAndProcessingGoesOnAfterRejections() {
        reject(new byte[] {9}, "BAD_MAGIC_BYTE");
        rawPurchases.pipeInput("c-1".getBytes(StandardCharsets.UTF_8), encode(purchase("o-0", "c-1", AT, "0.00", "USD")), AT);
        final var value = f.values.readValue();
        assertThat(value.getOrders()).isEqualTo(1);
        assertThat(value.getNetRevenue()).isEqualByComparingTo("0.00");
        assertThat(f.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void offsetsIdentifyEachRejectedRecord() {
        rawPurchases.pipeInput("c-1".getBytes(StandardCharsets.UTF_8), good(), AT);
        assertThat(f.values.readValue().getOrders()).isEqualTo(1);
        assertThat(reject(new byte[] {1}, "BAD_MAGIC_BYTE").getOffset()).isEqualTo(1L);
        rawPurchases.pipeInput(new byte[] {(byte) 0xff, (byte) 0xfe}, new byte[] {1}, AT);
        final DeadLetter letter = f.deadLetters.readRecord().value();
        assertThat(letter.getOffset()).isEqualTo(2L);
        assertThat(letter.getKey()).isEqualTo(ByteBuffer.wrap(new byte[] {(byte) 0xff, (byte) 0xfe}));
    }
}
