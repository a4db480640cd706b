package io.clvstream.serde.codec;

import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.specific.SpecificData;

/**
 * A specific record, written by hand as Avro's generator would (conversions per field and in its model), with
 * the logical types of the project's schemas and a decimal wider than a long, which those do not have.
 */
public class Logicals extends FieldArrayRecord {

    public static final Schema SCHEMA$ = new Schema.Parser().parse("""
        {"type": "record", "name": "Logicals", "namespace": "io.clvstream.serde.codec", "fields": [
          {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 18, "scale": 2}},
          {"name": "wide", "type": {"type": "bytes", "logicalType": "decimal", "precision": 38, "scale": 4}},
          {"name": "optional", "type": ["null", {"type": "bytes", "logicalType": "decimal", "precision": 18, "scale": 2}]},
          {"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}}]}""");

    /** Read by {@code SpecificData.getForClass}, as a generated class's. */
    static final SpecificData MODEL$ = new SpecificData();

    static {
        MODEL$.addLogicalTypeConversion(new Conversions.DecimalConversion());
        MODEL$.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    }

    private static final Conversion<?>[] CONVERSIONS = {new Conversions.DecimalConversion(),
        new Conversions.DecimalConversion(), null, new TimeConversions.TimestampMillisConversion()};

    @Override
    public Schema getSchema() {
        return SCHEMA$;
    }

    @Override
    public SpecificData getSpecificData() {
        return MODEL$;
    }

    @Override
    public Conversion<?> getConversion(int field) {
        return CONVERSIONS[field];
    }
}
