package io.clvstream.serde.bench;

import io.clvstream.avro.CustomerValue;
import io.clvstream.avro.internal.CustomerState;
import io.clvstream.customer.CustomerEngine;
import io.clvstream.customer.CustomerTopologyConfig;
import io.clvstream.customer.bench.YearOldCustomer;
import io.clvstream.serde.InternalAvroSerde;
import io.clvstream.serde.codec.SpecificRecordCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One {@code customer-state} read and write as the customer processor does per event, for a
 * {@link YearOldCustomer}: {@code InternalAvroSerde} itself, and for comparison the same bytes through Avro's other two readers
 * (the schema-walking generic reader and the fast reader), so the serde's choice stays measured. The
 * {@code codec} benchmarks set Avro's way ({@code avro}: the generated coders for the state, the specific writer
 * for the {@code CustomerValue} that event publishes) beside the compiled {@link SpecificRecordCodec}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class StateSerdeBenchmark {

    private final InternalAvroSerde<CustomerState> serde = new InternalAvroSerde<>(CustomerState.class);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    private SpecificDatumReader<CustomerState> generic;
    private SpecificDatumReader<CustomerState> fast;
    private CustomerState state;
    private CustomerValue value;
    private byte[] bytes;
    private BinaryDecoder decoder;
    private BinaryEncoder encoder;

    /** Avro's reader and writers of before, or the compiled codec. */
    @State(Scope.Thread)
    public static class Codec {
        @Param({"avro", "compiled"})
        public String codec;
        private DatumReader<CustomerState> stateReader;
        private DatumWriter<CustomerState> stateWriter;
        private DatumWriter<CustomerValue> valueWriter;

        @Setup
        public void choose() {
            if (codec.equals("compiled")) {
                final SpecificRecordCodec<CustomerState> compiled =
                    SpecificRecordCodec.<CustomerState>compile(CustomerState.getClassSchema()).orElseThrow();
                stateReader = compiled;
                stateWriter = compiled;
                valueWriter = SpecificRecordCodec.<CustomerValue>compile(CustomerValue.getClassSchema()).orElseThrow();
            } else {
                stateReader = reader(true, false);
                stateWriter = new SpecificDatumWriter<>(CustomerState.getClassSchema(), data(true, false));
                valueWriter = new SpecificDatumWriter<>(CustomerValue.class);
            }
        }
    }

    @Setup
    public void build() {
        final CustomerEngine.Update[] refund = new CustomerEngine.Update[1];
        state = YearOldCustomer.state(new CustomerEngine(CustomerTopologyConfig.defaults()), refund);
        value = refund[0].value();
        bytes = serde.serialize("bench", state);
        generic = reader(false, false);
        fast = reader(false, true);
    }

    private static SpecificDatumReader<CustomerState> reader(boolean customCoders, boolean fastReader) {
        return new SpecificDatumReader<>(CustomerState.getClassSchema(), CustomerState.getClassSchema(),
            data(customCoders, fastReader));
    }

    private static SpecificData data(boolean customCoders, boolean fastReader) {
        final SpecificData data = new SpecificData(StateSerdeBenchmark.class.getClassLoader());
        data.setCustomCoders(customCoders);
        data.setFastReaderEnabled(fastReader);
        return data;
    }

    @Benchmark
    public CustomerState decode() {
        return serde.deserialize("bench", bytes);
    }

    @Benchmark
    public byte[] encode() {
        return serde.serialize("bench", state);
    }

    @Benchmark
    public CustomerState decodeGenericReader() throws IOException {
        return read(generic);
    }

    @Benchmark
    public CustomerState decodeFastReader() throws IOException {
        return read(fast);
    }

    @Benchmark
    public CustomerState decodeState(Codec codec) throws IOException {
        return read(codec.stateReader);
    }

    @Benchmark
    public byte[] encodeState(Codec codec) throws IOException {
        return write(codec.stateWriter, state);
    }

    @Benchmark
    public byte[] encodeValue(Codec codec) throws IOException {
        return write(codec.valueWriter, value);
    }

    private CustomerState read(DatumReader<CustomerState> reader) throws IOException {
        decoder = DecoderFactory.get().binaryDecoder(bytes, 1, bytes.length - 1, decoder);
        return reader.read(null, decoder);
    }

    /** The body alone, through an encoder and buffer kept as the serdes keep theirs. */
    private <T> byte[] write(DatumWriter<T> writer, T datum) throws IOException {
        out.reset();
        encoder = EncoderFactory.get().binaryEncoder(out, encoder);
        writer.write(datum, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
