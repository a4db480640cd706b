package io.clvstream.topology;

import io.clvstream.avro.internal.CustomerState;
import io.clvstream.customer.StateFormatV1;
import io.clvstream.serde.InternalAvroSerde;
import io.clvstream.serde.LegacyFormat;
import java.util.Map;

/**
 * The serde of {@code customer-state}: it reads format 2 (the refund window packed) and format 1 (the window as
 * arrays of records, written before format 2), and writes format 2 unless {@value #WRITE_FORMAT} says 1. Writing 1
 * is for the first pass of a rolling upgrade from a version that knows only format 1: instances still on it may be
 * handed a task whose state an upgraded instance wrote, and format 1 is what they read. The second pass, without
 * the setting, writes format 2.
 */
public final class CustomerStateFormat {

    public static final String WRITE_FORMAT = "clv.state.write-format";
    private static final byte V1 = 1;
    private static final String V1_SCHEMA = "schemas/legacy/CustomerState-v1.avsc";

    private CustomerStateFormat() {
    }

    /** @throws IllegalArgumentException when {@value #WRITE_FORMAT} is neither 1 nor 2 */
    public static InternalAvroSerde<CustomerState> serde(Map<String, ?> config) {
        final Object configured = config.get(WRITE_FORMAT);
        // Blank is unset, as for every setting (an environment variable emptied after the upgrade's second pass).
        final String writeFormat = configured == null || configured.toString().isBlank() ? "2" : configured.toString().trim();
        if (!writeFormat.equals("1") && !writeFormat.equals("2")) {
            throw new IllegalArgumentException(WRITE_FORMAT + " must be 1 or 2, not '" + configured + "'");
        }
        return new InternalAvroSerde<>(CustomerState.class,
            Map.of(V1, LegacyFormat.of(CustomerState.class, V1_SCHEMA, StateFormatV1::carryWindows, StateFormatV1::unpackWindows)),
            Byte.parseByte(writeFormat));
    }
}
