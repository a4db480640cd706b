package io.clvstream.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clvstream.avro.internal.CustomerState;
import io.clvstream.avro.internal.IdHash;
import io.clvstream.avro.internal.RecentOrder;
import io.clvstream.avro.internal.RecentRefund;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * The generated coders and the compiled codec used for speed must write exactly what Avro's generic writer
 * writes and read it back; a schema the codec does not compile stays with Avro's own.
 */
class InternalAvroSerdeTest {

    private final InternalAvroSerde<CustomerState> serde = new InternalAvroSerde<>(CustomerState.class);

    @Test
    void bytesEqualThoseOfTheGenericWriterAndReadBack() throws IOException {
        final CustomerState state = state();

        final byte[] bytes = serde.serialize("t", state);

        assertThat(bytes).isEqualTo(generic(state));
        assertThat(serde.deserialize("t", bytes)).isEqualTo(state);
    }

    @Test
    void aTruncatedBodyIsASerializationException() {
        final byte[] bytes = serde.serialize("t", state());

        assertThatThrownBy(() -> serde.deserialize("t", Arrays.copyOf(bytes, bytes.length - 3)))
            .isInstanceOf(SerializationException.class).hasMessageStartingWith("Cannot decode internal CustomerState");
    }

    @Test
    void aSchemaTheCodecDoesNotCompileKeepsAvrosReaderAndWriter() throws IOException {
        final InternalAvroSerde<Tagged> tags = new InternalAvroSerde<>(Tagged.class);
        final Tagged tagged = new Tagged("t-1", Map.of("a", 1L, "ü", -2L));

        final byte[] bytes = tags.serialize("t", tagged);

        assertThat(bytes).isEqualTo(generic(tagged));
        assertThat(tags.deserialize("t", bytes)).isEqualTo(tagged);
    }

    private static CustomerState state() {
        return CustomerState.newBuilder()
            .setFirstPurchaseAt(1_700_000_000_000L).setLastPurchaseAt(1_710_000_000_000L).setLatestEventAt(1_710_000_000_000L)
            .setOrders(2).setPurchaseDays(List.of(19_700, 30)).setFirstDayCents(1_250).setKeptCents(4_000)
            .setGrossCents(5_000).setRefundedCents(1_000).setSpendMonth(24_290).setSpendByMonth(List.of(2_750L, 0L, 1_250L))
            .setRecentOrders(List.of(new RecentOrder(new IdHash(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}), 19_730, 2_750L, 0L)))
            .setRecentRefunds(List.of(new RecentRefund(new IdHash(new byte[] {8, 7, 6, 5, 4, 3, 2, 1}), 19_731)))
            .setSegment("vip").setAcquisitionCostCents(5_000L).setTier("silver").setDueAt(1_712_000_000_000L)
            .build();
    }

    private static <T extends SpecificRecord> byte[] generic(T record) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(InternalAvroSerde.FORMAT_V1);
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<T>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
