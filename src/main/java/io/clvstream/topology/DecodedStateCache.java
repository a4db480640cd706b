package io.clvstream.topology;

import io.clvstream.avro.internal.CustomerState;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most recently used customer states of all tasks of one stream thread, decoded, at most {@code capacity}
 * of them. One per thread rather than one per task, so that like Kafka Streams' record cache its size is set
 * per instance and does not grow with the number of partitions. Entries are keyed by their owner as well as
 * the customer, so two tasks never see each other's states. Not thread safe: only its thread uses it.
 */
final class DecodedStateCache {

    private record Key(CustomerStates owner, String customerId) {
    }

    private final Map<Key, CustomerState> states;

    DecodedStateCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0, got " + capacity);
        }
        this.states = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, CustomerState> eldest) {
                return size() > capacity;
            }
        };
    }

    CustomerState get(CustomerStates owner, String customerId) {
        return states.get(new Key(owner, customerId));
    }

    void put(CustomerStates owner, String customerId, CustomerState state) {
        states.put(new Key(owner, customerId), state);
    }

    void remove(CustomerStates owner, String customerId) {
        states.remove(new Key(owner, customerId));
    }

    /** Drops every state of {@code owner}; a pass over the whole cache, which happens only when a task closes. */
    void removeAll(CustomerStates owner) {
        states.keySet().removeIf(key -> key.owner() == owner);
    }

    int size() {
        return states.size();
    }
}
