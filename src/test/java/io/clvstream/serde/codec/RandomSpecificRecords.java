package io.clvstream.serde.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Random instances of a generated record class, every field filled from its schema, so a field or record added
 * to a schema is exercised without touching the tests. Logical types take the Java class of the record's
 * conversion; a logical type this does not know how to fill fails here, for the next schema change to extend it.
 */
record RandomSpecificRecords(Random random, SpecificData model, Shape shape) {

    /** Which branch every union takes and whether arrays are empty: the first (mostly null) or last, else random. */
    enum Shape { FIRST_BRANCHES_EMPTY_ARRAYS, LAST_BRANCHES_FULL_ARRAYS, RANDOM }

    private static final String[] TEXT = {"a", "Z", "0", " ", "-", "é", "ß", "Ω", "€", "中", "文", "😀", "\u0000", "\n"};
    private static final double[] EDGE_DOUBLES = {0.0, -0.0, Double.MIN_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY};
    private static final long[] EDGE_LONGS = {0, -1, 1, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE};

    /** A field's own logical type takes the record's conversion for it, as Avro's specific writer does. */
    IndexedRecord record(Schema schema) {
        final IndexedRecord record = (IndexedRecord) model.newRecord(null, schema);
        for (final Schema.Field field : schema.getFields()) {
            record.put(field.pos(), value(field.schema(), ((SpecificRecordBase) record).getConversion(field.pos())));
        }
        return record;
    }

    private Object value(Schema schema) {
        return value(schema, model.getConversionFor(schema.getLogicalType()));
    }

    private Object value(Schema schema, Conversion<?> conversion) {
        final LogicalType logicalType = schema.getLogicalType();
        if (conversion == null || logicalType == null) {
            return raw(schema);
        }
        return logicalType instanceof LogicalTypes.Decimal decimal
            ? decimal(decimal) : Conversions.convertToLogicalType(raw(schema), schema, logicalType, conversion);
    }

    private Object raw(Schema schema) {
        return switch (schema.getType()) {
            case NULL -> null;
            case BOOLEAN -> random.nextBoolean();
            case INT -> (int) number();
            case LONG -> number();
            case FLOAT -> (float) floating();
            case DOUBLE -> floating();
            case STRING -> string();
            case BYTES -> ByteBuffer.wrap(bytes(random.nextInt(20)));
            case FIXED -> model.createFixed(null, bytes(schema.getFixedSize()), schema);
            case ENUM -> model.createEnum(schema.getEnumSymbols().get(random.nextInt(schema.getEnumSymbols().size())), schema);
            case ARRAY -> array(schema.getElementType());
            case UNION -> value(schema.getTypes().get(branch(schema.getTypes().size())));
            case RECORD -> record(schema);
            case MAP -> throw new IllegalArgumentException("No generated record has a map; add maps here when one does");
        };
    }

    private int branch(int branches) {
        return switch (shape) {
            case FIRST_BRANCHES_EMPTY_ARRAYS -> 0;
            case LAST_BRANCHES_FULL_ARRAYS -> branches - 1;
            case RANDOM -> random.nextInt(branches);
        };
    }

    private List<Object> array(Schema elementType) {
        final int size = switch (shape) {
            case FIRST_BRANCHES_EMPTY_ARRAYS -> 0;
            case LAST_BRANCHES_FULL_ARRAYS -> 1 + random.nextInt(5);
            case RANDOM -> random.nextInt(5);
        };
        final List<Object> elements = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            elements.add(value(elementType));
        }
        return elements;
    }

    /** Edge values, small values (one-byte varints) and values spread over the whole range. */
    private long number() {
        return switch (random.nextInt(3)) {
            case 0 -> EDGE_LONGS[random.nextInt(EDGE_LONGS.length)];
            case 1 -> random.nextInt(129) - 64;
            default -> random.nextLong() >> random.nextInt(64);
        };
    }

    /** No NaN: the generated equals compares primitive doubles with {@code !=}, so a NaN field never equals itself. */
    private double floating() {
        return random.nextInt(4) == 0 ? EDGE_DOUBLES[random.nextInt(EDGE_DOUBLES.length)]
            : (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 20);
    }

    private String string() {
        final StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            text.append(TEXT[random.nextInt(TEXT.length)]);
        }
        return text.toString();
    }

    private byte[] bytes(int size) {
        final byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Any number the decimal's precision allows, at its scale, negative as often as positive. */
    private BigDecimal decimal(LogicalTypes.Decimal decimal) {
        final BigInteger bound = BigInteger.TEN.pow(decimal.getPrecision());
        final BigInteger unscaled = new BigInteger(bound.bitLength() + 8, random).mod(bound);
        return new BigDecimal(random.nextBoolean() ? unscaled.negate() : unscaled, decimal.getScale());
    }
}
