package io.clvstream.topology;

import io.clvstream.avro.CustomerValue;
import io.clvstream.avro.EventRef;
import io.clvstream.avro.Purchase;
import io.clvstream.config.TopicNames;
import io.clvstream.serde.ClvSerdes;
import java.math.BigDecimal;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Builds the clv-stream topology from configuration and serdes. Provisional vertical slice:
 * purchases are aggregated per customer into order count and net revenue. The customer topology
 * (issue #3) replaces the body; the signature stays.
 */
public final class ClvTopology {

    private ClvTopology() {
    }

    public static Topology build(Map<String, ?> config, ClvSerdes serdes) {
        final TopicNames topics = TopicNames.from(config);
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topics.purchases(), Consumed.with(Serdes.String(), serdes.purchase()).withName("purchases-source"))
            .groupByKey(Grouped.with("purchases-by-customer", Serdes.String(), serdes.purchase()))
            .aggregate(() -> null,
                (customerId, purchase, value) -> apply(customerId, purchase, value),
                Named.as("customer-value-aggregate"),
                Materialized.<String, CustomerValue, KeyValueStore<Bytes, byte[]>>as("customer-values-store")
                    .withKeySerde(Serdes.String()).withValueSerde(serdes.customerValue()))
            .toStream(Named.as("customer-values-stream"))
            .to(topics.customerValues(), Produced.with(Serdes.String(), serdes.customerValue()).withName("customer-values-sink"));
        return builder.build();
    }

    private static CustomerValue apply(String customerId, Purchase purchase, CustomerValue previous) {
        final BigDecimal net = (previous == null ? BigDecimal.ZERO : previous.getNetRevenue()).add(purchase.getAmount());
        return CustomerValue.newBuilder()
            .setCustomerId(customerId)
            .setOrders(previous == null ? 1 : previous.getOrders() + 1)
            .setRepeatCustomer(false)
            .setNetRevenue(net)
            .setHistoricClv(net)
            .setCause(new EventRef(purchase.getOrderId(), "PURCHASE", null))
            .setUpdatedAt(purchase.getOccurredAt())
            .build();
    }
}
