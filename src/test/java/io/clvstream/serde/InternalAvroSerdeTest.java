package io.clvstream.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clvstream.avro.internal.CustomerState;
import io.clvstream.avro.internal.RfmSummary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Encoder;
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

    @Test
    void theFormatByteIsTheOneTheSchemaDeclares() {
        assertThat(serde.serialize("t", state())[0]).isEqualTo((byte) 2);
        final RfmSummary summary = new RfmSummary(0, 1L, 10, 1.0, List.of());
        assertThat(new InternalAvroSerde<>(RfmSummary.class).serialize("t", summary)[0]).isEqualTo((byte) 1);
    }

    @Test
    void bytesOfAnEarlierFormatAreReadByItsMigrationAndUnknownOnesRejected() {
        final byte[] old = {1, 42, 43};
        final InternalAvroSerde<CustomerState> migrating = new InternalAvroSerde<>(CustomerState.class,
            Map.of((byte) 1, new FirstByteAsOrders()), (byte) 2);

        assertThat(migrating.deserialize("t", old).getOrders()).isEqualTo(42 + 2);
        assertThat(migrating.deserialize("t", serde.serialize("t", state()))).isEqualTo(state());
        assertThatThrownBy(() -> serde.deserialize("t", old)).isInstanceOf(SerializationException.class)
            .hasMessage("Unknown format byte for internal CustomerState: 1 (this version writes 2)");
        assertThatThrownBy(() -> migrating.deserialize("t", new byte[] {3, 0}))
            .isInstanceOf(SerializationException.class).hasMessageContaining(": 3 (this version writes 2)");
    }

    @Test
    void anEarlierFormatIsWrittenWhenAskedAndOnlyIfKnown() {
        final InternalAvroSerde<CustomerState> writingOld = new InternalAvroSerde<>(CustomerState.class,
            Map.of((byte) 1, new FirstByteAsOrders()), (byte) 1);

        assertThat(writingOld.serialize("t", CustomerState.newBuilder().setOrders(7).build())).containsExactly(1, 7);
        assertThatThrownBy(() -> new InternalAvroSerde<>(CustomerState.class, Map.of(), (byte) 1))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("CustomerState has no format 1 to write");
    }

    /** A made-up earlier format: one byte, the number of orders (plus the body's length when read). */
    private static final class FirstByteAsOrders implements InternalAvroSerde.EarlierFormat<CustomerState> {
        @Override
        public CustomerState read(byte[] data, int offset, int length) {
            return CustomerState.newBuilder().setOrders(data[offset] + length).build();
        }

        @Override
        public DatumWriter<CustomerState> writer() {
            return new DatumWriter<>() {
                @Override
                public void setSchema(Schema schema) {
                }

                @Override
                public void write(CustomerState datum, Encoder out) throws IOException {
                    out.writeFixed(new byte[] {(byte) datum.getOrders()});
                }
            };
        }
    }

    private static CustomerState state() {
        return CustomerState.newBuilder()
            .setFirstPurchaseAt(1_700_000_000_000L).setLastPurchaseAt(1_710_000_000_000L).setLatestEventAt(1_710_000_000_000L)
            .setOrders(2).setPurchaseDays(List.of(19_700, 30)).setFirstDayCents(1_250).setKeptCents(4_000)
            .setGrossCents(5_000).setRefundedCents(1_000).setSpendMonth(24_290).setSpendByMonth(List.of(2_750L, 0L, 1_250L))
            .setOrderWindow(ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, -92, -76, 2, -68, 42, 0}))
            .setRefundWindow(ByteBuffer.wrap(new byte[] {8, 7, 6, 5, 4, 3, 2, 1, -90, -76, 2}))
            .setSegment("vip").setAcquisitionCostCents(5_000L).setTier("silver").setDueAt(1_712_000_000_000L)
            .build();
    }

    private static <T extends SpecificRecord> byte[] generic(T record) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(InternalAvroSerde.format(record.getSchema()));
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<T>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
