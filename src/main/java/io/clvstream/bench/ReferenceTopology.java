package io.clvstream.bench;

import io.clvstream.config.TopicNames;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The yardstick of {@code clv bench}: what Kafka Streams itself does with the same input and no
 * application logic. The three input topics (already keyed by customerId, so no repartition),
 * {@code groupByKey().aggregate()} of a few numbers per customer (records, value bytes, largest
 * value) into a persistent, cached, changelogged store. No decoding, no outputs. A {@link ReferenceShape}
 * other than {@link ReferenceShape#BARE} pads each customer's value to its state size and publishes one value of
 * its output size per event to {@link #valuesTopic}: Kafka's share of clv-stream's work with the application's left out.
 */
final class ReferenceTopology {

    static final String STORE = "reference-totals";
    private static final int NUMBERS = 3;

    private ReferenceTopology() {
    }

    static Topology build(TopicNames topics, ReferenceShape shape) {
        final StreamsBuilder builder = new StreamsBuilder();
        final KStream<String, byte[]> events = builder.stream(List.of(topics.purchases(), topics.refunds(), topics.signups()),
            Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("reference-source"));
        if (shape.publishes()) {
            events.mapValues(value -> new byte[shape.valueBytes()], Named.as("reference-value"))
                .to(valuesTopic(topics), Produced.with(Serdes.String(), Serdes.ByteArray()).withName("reference-sink"));
        }
        final int stateBytes = stateBytes(shape);
        events.groupByKey(Grouped.with("reference-by-customer", Serdes.String(), Serdes.ByteArray()))
            .aggregate(() -> new byte[stateBytes], (customer, value, totals) -> add(totals, value, stateBytes),
                Named.as("reference-aggregate"),
                Materialized.<String, byte[], KeyValueStore<Bytes, byte[]>>as(STORE)
                    .withKeySerde(Serdes.String()).withValueSerde(Serdes.ByteArray()));
        return builder.build();
    }

    /** The bytes of each customer's value: the three numbers, padded to the shape's size when that is larger. */
    static int stateBytes(ReferenceShape shape) {
        return Math.max(NUMBERS * Long.BYTES, shape.stateBytes());
    }

    /** Where a publishing reference writes: a topic of its own next to clv-stream's outputs, never read. */
    static String valuesTopic(TopicNames topics) {
        return topics.customerValues() + "-reference";
    }

    private static byte[] add(byte[] totals, byte[] value, int stateBytes) {
        final ByteBuffer in = ByteBuffer.wrap(totals);
        final int size = value == null ? 0 : value.length;
        return ByteBuffer.allocate(stateBytes)
            .putLong(in.getLong() + 1)
            .putLong(in.getLong() + size)
            .putLong(Math.max(in.getLong(), size))
            .array();
    }
}
