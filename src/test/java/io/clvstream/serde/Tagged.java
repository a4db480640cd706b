package io.clvstream.serde;

import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * A specific record with a map, written by hand because no schema of the project has one: the compiled codec
 * leaves maps to Avro, so the serdes' fallback to Avro's own reader and writer is tested with it.
 */
public class Tagged extends SpecificRecordBase {

    public static final Schema SCHEMA$ = new Schema.Parser().parse("""
        {"type": "record", "name": "Tagged", "namespace": "io.clvstream.serde", "fields": [
          {"name": "name", "type": {"type": "string", "avro.java.string": "String"}},
          {"name": "counts", "type": {"type": "map", "values": "long", "avro.java.string": "String"}}]}""");

    private String name;
    private Map<String, Long> counts;

    public Tagged() {
    }

    Tagged(String name, Map<String, Long> counts) {
        this.name = name;
        this.counts = counts;
    }

    @Override
    public Schema getSchema() {
        return SCHEMA$;
    }

    @Override
    public Object get(int field) {
        return field == 0 ? name : counts;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void put(int field, Object value) {
        if (field == 0) {
            name = (String) value;
        } else {
            counts = (Map<String, Long>) value;
        }
    }
}
