package io.clvstream.topology;

import io.clvstream.avro.internal.CustomerState;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One task's {@code customer-state} store, read through its thread's {@link DecodedStateCache}. Every write
 * still goes to the store (and so to its changelog); the decoded copies only spare a read its decoding and the
 * record cache's lookup, together about a sixth of the stream thread's CPU per event.
 *
 * <p>A state handed out by {@link #get} is the cached instance: the caller changes it in place and must then
 * either {@link #put} it or {@link #forget} it, so that what is cached never differs from what is stored. The
 * processor {@link #close}s this in its own {@code close}, which Kafka Streams calls before a task is
 * suspended, closed or revived after an aborted transaction; the task then gets a new instance, which reads
 * the (restored) store rather than stale copies.
 */
final class CustomerStates {

    private final KeyValueStore<String, CustomerState> store;
    private final DecodedStateCache decoded;

    CustomerStates(KeyValueStore<String, CustomerState> store, DecodedStateCache decoded) {
        this.store = store;
        this.decoded = decoded;
    }

    /** The customer's state, or null for a customer never stored. */
    CustomerState get(String customerId) {
        final CustomerState cached = decoded.get(this, customerId);
        if (cached != null) {
            return cached;
        }
        final CustomerState stored = store.get(customerId);
        if (stored != null) {
            decoded.put(this, customerId, stored);
        }
        return stored;
    }

    void put(String customerId, CustomerState state) {
        store.put(customerId, state);
        decoded.put(this, customerId, state);
    }

    /** Drops the decoded copy, e.g. of a state changed in place by an event that was then rejected. */
    void forget(String customerId) {
        decoded.remove(this, customerId);
    }

    /** Drops this task's decoded copies; the store is untouched. */
    void close() {
        decoded.removeAll(this);
    }
}
