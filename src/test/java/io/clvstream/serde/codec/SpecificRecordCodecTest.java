package io.clvstream.serde.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clvstream.avro.CustomerValue;
import io.clvstream.avro.EventRef;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.EOFException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Conversion;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compiled codec against Avro's own specific writer and reader, on random instances of every generated record
 * class (found on the class path, so a new schema is covered too) and of {@link AllTypes} and {@link Logicals} for
 * the types those do not use: the same bytes, the same records with the same Java classes in their fields, and a
 * truncated body is an error rather than a record. Decimals and timestamps at their edges, and the values Avro
 * rescales or refuses, are compared with Avro's writer one by one.
 */
class SpecificRecordCodecTest {

    private static final int RANDOM_INSTANCES = 200;
    private static final int TRUNCATED_INSTANCES = 20;

    static Stream<Class<?>> generatedRecordClasses() throws IOException, URISyntaxException {
        final URL root = SpecificRecordCodecTest.class.getClassLoader().getResource("io/clvstream/avro");
        final Path dir = Paths.get(root.toURI());
        final List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (final Path file : (Iterable<Path>) files::iterator) {
                final String relative = dir.relativize(file).toString();
                if (relative.endsWith(".class") && !relative.contains("$")) {
                    final Class<?> type = load("io.clvstream.avro." + relative.substring(0, relative.length() - ".class".length())
                        .replace(File.separatorChar, '.'));
                    if (SpecificRecord.class.isAssignableFrom(type)) {
                        classes.add(type);
                    }
                }
            }
        }
        assertThat(classes).contains(CustomerValue.class, io.clvstream.avro.internal.CustomerState.class);
        classes.add(AllTypes.class);
        classes.add(Logicals.class);
        return classes.stream();
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generatedRecordClasses")
    void writesAvrosBytesAndReadsAvrosRecords(Class<? extends SpecificRecord> type) throws IOException {
        final SpecificData model = SpecificData.getForClass(type);
        final Schema schema = model.getSchema(type);
        final SpecificRecordCodec<SpecificRecord> codec = SpecificRecordCodec.<SpecificRecord>compile(schema).orElseThrow();
        final Random random = new Random(schema.getFullName().hashCode());

        for (int i = 0; i < RANDOM_INSTANCES; i++) {
            final RandomSpecificRecords.Shape shape = RandomSpecificRecords.Shape.values()[Math.min(i, 2)];
            final SpecificRecord record = (SpecificRecord) new RandomSpecificRecords(random, model, shape).record(schema);
            final byte[] bytes = encode(new SpecificDatumWriter<SpecificRecord>(schema, model), record);

            assertThat(encode(codec, record)).as("bytes of %s", record).isEqualTo(bytes);
            final Object avros = decode(new SpecificDatumReader<SpecificRecord>(schema, schema, model), bytes);
            final Object compiled = decode(codec, bytes);
            assertThat(compiled).isEqualTo(avros).isEqualTo(record);
            assertSameJavaClasses(compiled, avros, schema.getFullName());
            if (i < TRUNCATED_INSTANCES) {
                for (int length = 0; length < bytes.length; length++) {
                    final byte[] truncated = Arrays.copyOf(bytes, length);
                    assertThatThrownBy(() -> decode(codec, truncated)).as("%d of %d bytes", length, bytes.length)
                        .isInstanceOf(EOFException.class);
                }
            }
        }
    }

    /** Field by field down the tree; lists only by their elements, as Avro's reader builds other list classes. */
    private static void assertSameJavaClasses(Object compiled, Object avros, String path) {
        if (compiled instanceof List<?> list) {
            assertThat(avros).as(path).isInstanceOf(List.class);
            for (int i = 0; i < list.size(); i++) {
                assertSameJavaClasses(list.get(i), ((List<?>) avros).get(i), path + "[" + i + "]");
            }
            return;
        }
        assertThat(compiled == null ? null : compiled.getClass()).as(path).isEqualTo(avros == null ? null : avros.getClass());
        if (compiled instanceof IndexedRecord record) {
            for (final Schema.Field field : record.getSchema().getFields()) {
                assertSameJavaClasses(record.get(field.pos()), ((IndexedRecord) avros).get(field.pos()), path + "." + field.name());
            }
        }
    }

    @Test
    void aNullInANonNullableFieldNamesTheField() {
        final SpecificRecordCodec<EventRef> codec = SpecificRecordCodec.<EventRef>compile(EventRef.getClassSchema()).orElseThrow();
        final EventRef noType = new EventRef("o-1", null, null);

        assertThatThrownBy(() -> encode(codec, noType)).isInstanceOf(AvroRuntimeException.class)
            .hasMessageContaining("field type of EventRef");
    }

    /** Schemas named after generated classes, so that the compiler gets as far as the fields. */
    static Stream<Arguments> unsupportedSchemas() {
        final String record = "{\"type\":\"record\",\"name\":\"%s\",\"fields\":[{\"name\":\"f\",\"type\":%s}]}";
        return Stream.of(
            Arguments.of(String.format(record, "io.clvstream.avro.EventRef", "{\"type\":\"map\",\"values\":\"long\"}"), "maps"),
            Arguments.of(String.format(record, "io.clvstream.avro.EventRef", "[\"null\",\"io.clvstream.avro.EventRef\"]"), "recursive"),
            Arguments.of(String.format(record, "io.clvstream.avro.EventRef",
                "{\"type\":\"string\",\"java-class\":\"java.math.BigInteger\"}"), "java.math.BigInteger"),
            Arguments.of(String.format(record, "NoSuchRecord", "\"long\""), "no generated IndexedRecord class"),
            Arguments.of(String.format(record, "io.clvstream.avro.EventRef",
                "{\"type\":\"enum\",\"name\":\"NoSuchEnum\",\"symbols\":[\"A\"]}"), "no generated Enum class"),
            Arguments.of("\"long\"", "not a record"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("unsupportedSchemas")
    void leavesToAvroWhatItDoesNotCompile(String json, String reason) {
        final Schema schema = new Schema.Parser().parse(json);

        assertThat(SpecificRecordCodec.compile(schema)).isEmpty();
        assertThatThrownBy(() -> new CodecCompiler(SpecificData.getForSchema(schema)).compileRecord(schema))
            .isInstanceOf(CodecCompiler.UnsupportedSchemaException.class).hasMessageContaining(reason);
    }

    @Test
    void leavesToAvroAUnionWhoseBranchesAJavaClassDoesNotTellApart() {
        // A conversion whose class also holds the string branch's values: Avro's resolveUnion rules would decide.
        final SpecificData model = new SpecificData();
        model.addLogicalTypeConversion(new Conversion<Object>() {
            @Override
            public Class<Object> getConvertedType() {
                return Object.class;
            }

            @Override
            public String getLogicalTypeName() {
                return "decimal";
            }
        });
        final Schema union = Schema.createUnion(Schema.create(Schema.Type.STRING),
            LogicalTypes.decimal(9, 2).addToSchema(Schema.create(Schema.Type.BYTES)));
        final Schema schema = Schema.createRecord("io.clvstream.avro.EventRef", null, null, false,
            List.of(new Schema.Field("at", union)));

        assertThatThrownBy(() -> new CodecCompiler(model).compileRecord(schema))
            .isInstanceOf(CodecCompiler.UnsupportedSchemaException.class).hasMessageContaining("not told apart");
    }

    /** Unscaled values either side of each byte length of their two's complement, of a long and beyond. */
    static Stream<BigInteger> unscaledEdges() {
        final Stream<BigInteger> bytes = Stream.of(0L, 1L, -1L, 127L, 128L, -128L, -129L, 32_767L, 32_768L, -32_768L,
            -32_769L, 8_388_607L, 8_388_608L, 999_999_999_999_999_999L, -999_999_999_999_999_999L,
            1_000_000_000_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE).map(BigInteger::valueOf);
        final BigInteger beyondALong = BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE);
        final BigInteger widest = BigInteger.TEN.pow(38).subtract(BigInteger.ONE);
        return Stream.concat(bytes, Stream.of(beyondALong, beyondALong.negate().subtract(BigInteger.ONE), widest, widest.negate()));
    }

    /** In each decimal field at its scale: Avro's bytes, or Avro's error where the digits exceed the precision. */
    @ParameterizedTest
    @MethodSource("unscaledEdges")
    void writesDecimalsAtTheirEdgesAsAvroDoes(BigInteger unscaled) throws IOException {
        assertWritesAsAvro(0, new BigDecimal(unscaled, 2));
        assertWritesAsAvro(1, new BigDecimal(unscaled, 4));
        assertWritesAsAvro(2, new BigDecimal(unscaled, 2));
    }

    /**
     * Decimal(18, 2) values at another scale, which Avro rescales where it can without rounding, with more than 18
     * digits before or after that, which it refuses, and the largest it takes.
     */
    static Stream<String> decimalsToRescaleOrRefuse() {
        return Stream.of("1.5", "-7", "1E+3", "-1.230", "1.234", "-0.001", "1E+16", "12345678901234567.8",
            "9999999999999999.99", "10000000000000000.00");
    }

    @ParameterizedTest
    @MethodSource("decimalsToRescaleOrRefuse")
    void rescalesOrRefusesDecimalsAsAvroDoes(String decimal) throws IOException {
        assertWritesAsAvro(0, new BigDecimal(decimal));
        assertWritesAsAvro(2, new BigDecimal(decimal));
    }

    /** Millis at a long's ends, and instants with a fraction of a milli or beyond a long's millis (Avro's error). */
    static Stream<Instant> instants() {
        return Stream.of(Instant.EPOCH, Instant.ofEpochMilli(-1), Instant.ofEpochMilli(Long.MAX_VALUE),
            Instant.ofEpochMilli(Long.MIN_VALUE), Instant.ofEpochSecond(0, 1_500_000), Instant.ofEpochSecond(-1, 999_999_999),
            Instant.MAX, Instant.MIN);
    }

    @ParameterizedTest
    @MethodSource("instants")
    void writesTimestampsAsAvroDoes(Instant instant) throws IOException {
        assertWritesAsAvro(3, instant);
    }

    /**
     * A {@link Logicals} with {@code value} in field {@code pos}: the codec writes Avro's bytes and reads them into
     * Avro's record, or fails as Avro's writer does: the same exception class, Avro's message and the field.
     */
    private static void assertWritesAsAvro(int pos, Object value) throws IOException {
        final Logicals record = new Logicals();
        record.put(0, BigDecimal.ZERO.setScale(2));
        record.put(1, BigDecimal.ZERO.setScale(4));
        record.put(2, null);
        record.put(3, Instant.EPOCH);
        record.put(pos, value);
        final SpecificRecordCodec<Logicals> codec = SpecificRecordCodec.<Logicals>compile(Logicals.SCHEMA$).orElseThrow();
        final String field = Logicals.SCHEMA$.getFields().get(pos).name();
        final byte[] bytes;
        try {
            bytes = encode(new SpecificDatumWriter<Logicals>(Logicals.SCHEMA$, Logicals.MODEL$), record);
        } catch (RuntimeException avros) {
            // Avro's writer names the field of a type error only inside a union; the codec names it always.
            assertThatThrownBy(() -> encode(codec, record)).as("%s in %s", value, field)
                .isExactlyInstanceOf(avros.getClass()).hasMessageContaining(avros.getMessage())
                .hasMessageContaining(avros instanceof AvroTypeException ? "Logicals." + field : "");
            return;
        }
        assertThat(encode(codec, record)).as("%s in %s", value, field).isEqualTo(bytes);
        final Object compiled = decode(codec, bytes);
        final Object avros = decode(new SpecificDatumReader<Logicals>(Logicals.SCHEMA$, Logicals.SCHEMA$, Logicals.MODEL$), bytes);
        assertThat(compiled).isEqualTo(avros);
        assertSameJavaClasses(compiled, avros, "Logicals");
    }

    private static <T> byte[] encode(DatumWriter<T> writer, T datum) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        writer.write(datum, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static <T> T decode(DatumReader<T> reader, byte[] bytes) throws IOException {
        return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    }
}
