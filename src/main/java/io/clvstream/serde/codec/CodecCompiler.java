package io.clvstream.serde.codec;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Turns a schema of generated specific classes into a tree of {@link ValueCodec}s, deciding once per node what
 * Avro's specific reader and writer decide per value: the class to build, the {@link Conversion} of a logical type
 * (the record's own for its fields, as {@code SpecificDatumWriter} takes it, the model's inside unions and arrays),
 * the string type, the union branch of each Java class; {@code int} and {@code long} fields go through the
 * generated setter and getter rather than boxed through {@code put} and {@code get}. What it does not compile
 * (maps, recursive records, a {@code java-class} string, a name without a generated class) is an
 * {@link UnsupportedSchemaException}, and the caller keeps Avro's reader and writer.
 */
final class CodecCompiler {

    /** A schema this compiler does not turn into codecs. */
    static final class UnsupportedSchemaException extends AvroRuntimeException {
        UnsupportedSchemaException(String message) {
            super(message);
        }
    }

    private final SpecificData model;
    private final Set<String> recordsInProgress = new HashSet<>();

    CodecCompiler(SpecificData model) {
        this.model = model;
    }

    /** The codec of a record schema. */
    ValueCodec compileRecord(Schema schema) {
        if (schema.getType() != Schema.Type.RECORD) {
            throw new UnsupportedSchemaException(schema.getFullName() + " is not a record");
        }
        return record(schema);
    }

    private ValueCodec compile(Schema schema, Conversion<?> conversion) {
        final ValueCodec raw = raw(schema);
        return conversion == null || schema.getLogicalType() == null ? raw : logical(raw, schema, conversion);
    }

    /**
     * Avro's own conversions of the logical types our schemas use, decimal on bytes and timestamp-millis, done
     * directly (only those exact classes: a subclass may convert otherwise); any other through Avro's generic call.
     */
    private static ValueCodec logical(ValueCodec raw, Schema schema, Conversion<?> conversion) {
        final LogicalCodec avro = new LogicalCodec(raw, schema, conversion);
        final LogicalType type = schema.getLogicalType();
        if (conversion.getClass() == Conversions.DecimalConversion.class && type instanceof LogicalTypes.Decimal decimal
            && schema.getType() == Schema.Type.BYTES) {
            return new DecimalCodec(decimal, avro);
        }
        if (conversion.getClass() == TimeConversions.TimestampMillisConversion.class && type instanceof LogicalTypes.TimestampMillis) {
            return new TimestampMillisCodec();
        }
        return avro;
    }

    private ValueCodec compileWithModelConversion(Schema schema) {
        return compile(schema, model.getConversionFor(schema.getLogicalType()));
    }

    private ValueCodec raw(Schema schema) {
        return switch (schema.getType()) {
            case NULL, BOOLEAN, INT, LONG, FLOAT, DOUBLE, BYTES -> new PrimitiveCodec(PrimitiveCodec.Kind.valueOf(schema.getType().name()));
            case STRING -> string(schema);
            case FIXED -> fixed(schema);
            case ENUM -> enumeration(schema);
            case ARRAY -> new ArrayCodec(schema, compileWithModelConversion(schema.getElementType()));
            case UNION -> union(schema);
            case RECORD -> record(schema);
            case MAP -> throw new UnsupportedSchemaException("maps are not compiled: " + schema);
        };
    }

    /** {@code String} where the schema asks for it (stringType String), else Avro's {@code Utf8}. */
    private static ValueCodec string(Schema schema) {
        if (schema.getProp(SpecificData.CLASS_PROP) != null) {
            throw new UnsupportedSchemaException("strings read as " + schema.getProp(SpecificData.CLASS_PROP) + " are not compiled");
        }
        return GenericData.StringType.String.name().equals(schema.getProp(GenericData.STRING_PROP))
            ? new PrimitiveCodec(PrimitiveCodec.Kind.STRING) : new PrimitiveCodec(PrimitiveCodec.Kind.UTF8);
    }

    private ValueCodec fixed(Schema schema) {
        final Class<?> type = generatedClass(schema, GenericFixed.class);
        return new FixedCodec(type, constructor(type), schema.getFixedSize());
    }

    private ValueCodec enumeration(Schema schema) {
        final Class<?> type = generatedClass(schema, Enum.class);
        final Enum<?>[] bySymbolIndex = schema.getEnumSymbols().stream()
            .map(symbol -> (Enum<?>) model.createEnum(symbol, schema)).toArray(Enum<?>[]::new);
        return new EnumCodec(type, bySymbolIndex);
    }

    private ValueCodec union(Schema schema) {
        final List<Schema> types = schema.getTypes();
        final ValueCodec[] branches = types.stream().map(this::compileWithModelConversion).toArray(ValueCodec[]::new);
        for (int i = 0; i < branches.length; i++) {
            for (int j = i + 1; j < branches.length; j++) {
                final Class<?> a = branches[i].javaType();
                final Class<?> b = branches[j].javaType();
                if (a.isAssignableFrom(b) || b.isAssignableFrom(a)) {
                    throw new UnsupportedSchemaException("union branches " + types.get(i) + " and " + types.get(j)
                        + " are not told apart by their Java classes");
                }
            }
        }
        return new UnionCodec(schema, branches);
    }

    private ValueCodec record(Schema schema) {
        if (!recordsInProgress.add(schema.getFullName())) {
            throw new UnsupportedSchemaException("recursive records are not compiled: " + schema.getFullName());
        }
        final Class<?> type = generatedClass(schema, IndexedRecord.class);
        final Supplier<Object> constructor = constructor(type);
        final Object sample = constructor.get();
        final FieldCodec[] fields = schema.getFields().stream().map(field -> field(type, sample, field)).toArray(FieldCodec[]::new);
        recordsInProgress.remove(schema.getFullName());
        return new RecordCodec(type, constructor, fields);
    }

    private FieldCodec field(Class<?> type, Object sample, Schema.Field field) {
        final Schema schema = field.schema();
        final Optional<FieldCodec> primitive = schema.getLogicalType() != null ? Optional.empty() : switch (schema.getType()) {
            case INT -> Accessors.intField(type, field.name());
            case LONG -> Accessors.longField(type, field.name());
            default -> Optional.empty();
        };
        return primitive.orElseGet(() -> new IndexedField(field.name(), field.pos(), sample instanceof SpecificRecordBase specific
            ? compile(schema, specific.getConversion(field.pos()))
            : compileWithModelConversion(schema)));
    }

    private Class<?> generatedClass(Schema schema, Class<?> kind) {
        final Class<?> type = model.getClass(schema);
        if (type == null || !kind.isAssignableFrom(type)) {
            throw new UnsupportedSchemaException(schema.getFullName() + " has no generated " + kind.getSimpleName() + " class");
        }
        return type;
    }

    private static Supplier<Object> constructor(Class<?> type) {
        return Accessors.constructor(type)
            .orElseThrow(() -> new UnsupportedSchemaException(type.getName() + " has no public no-arg constructor"));
    }
}
