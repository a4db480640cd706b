package io.clvstream.serde.codec;

import org.apache.avro.specific.SpecificRecordBase;

/** A hand-written specific record whose field values live in one array: what the test records share. */
abstract class FieldArrayRecord extends SpecificRecordBase {

    private final Object[] values = new Object[getSchema().getFields().size()];

    @Override
    public Object get(int field) {
        return values[field];
    }

    @Override
    public void put(int field, Object value) {
        values[field] = value;
    }
}
