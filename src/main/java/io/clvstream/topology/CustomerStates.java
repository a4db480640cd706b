package io.clvstream.topology;

import io.clvstream.avro.internal.CustomerState;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Scans of {@code customer-state}: each customer once, the iterator closed whatever the action does. */
final class CustomerStates {

    private CustomerStates() {
    }

    /** Hands every customer id and state of {@code states} to {@code action}; returns how many there were. */
    static long forEach(ReadOnlyKeyValueStore<String, CustomerState> states, BiConsumer<String, CustomerState> action) {
        long customers = 0;
        try (KeyValueIterator<String, CustomerState> all = states.all()) {
            while (all.hasNext()) {
                final KeyValue<String, CustomerState> next = all.next();
                action.accept(next.key, next.value);
                customers++;
            }
        }
        return customers;
    }
}
