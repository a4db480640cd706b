package io.clvstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.clvstream.avro.internal.CustomerState;
import io.clvstream.customer.CustomerLedger;
import io.clvstream.serde.InternalAvroSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** The customer-state store read through a thread's cache of decoded states: never a state the store does not hold. */
class CustomerStatesTest {

    static KeyValueStore<String, CustomerState> store() {
        final KeyValueStore<String, CustomerState> store = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(ClvTopology.CUSTOMER_STATE_STORE), Serdes.String(),
            new InternalAvroSerde<>(CustomerState.class)).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        return store;
    }

    static CustomerState withOrders(int orders) {
        final CustomerState state = CustomerLedger.empty();
        state.setOrders(orders);
        return state;
    }

    @Test
    void aReadIsDecodedOnceAndTheWrittenInstanceIsWhatTheNextReadGets() {
        final KeyValueStore<String, CustomerState> store = store();
        store.put("c", withOrders(1));
        final CustomerStates states = new CustomerStates(store, new DecodedStateCache(10));

        final CustomerState first = states.get("c");
        assertThat(first.getOrders()).isEqualTo(1);
        assertThat(states.get("c")).isSameAs(first);
        first.setOrders(2);
        states.put("c", first);
        assertThat(states.get("c")).isSameAs(first);
        assertThat(store.get("c").getOrders()).isEqualTo(2);
        assertThat(states.get("unknown")).isNull();
    }

    @Test
    void aForgottenChangeIsNotSeenAgain() {
        final KeyValueStore<String, CustomerState> store = store();
        store.put("c", withOrders(1));
        final CustomerStates states = new CustomerStates(store, new DecodedStateCache(10));

        states.get("c").setOrders(99);
        states.forget("c");

        assertThat(states.get("c").getOrders()).isEqualTo(1);
    }

    @Test
    void theLeastRecentlyUsedLeavesFirstAndIsReadFromTheStoreAgain() {
        final KeyValueStore<String, CustomerState> store = store();
        final DecodedStateCache cache = new DecodedStateCache(2);
        final CustomerStates states = new CustomerStates(store, cache);
        states.put("a", withOrders(1));
        states.put("b", withOrders(2));
        final CustomerState a = states.get("a");
        final CustomerState b = states.get("b");

        states.put("c", withOrders(3));

        assertThat(cache.size()).isEqualTo(2);
        assertThat(states.get("b")).isSameAs(b);
        final CustomerState reread = states.get("a");
        assertThat(reread).isNotSameAs(a).isEqualTo(a);
    }

    @Test
    void tasksSharingAThreadNeverSeeEachOthersStatesAndCloseOnlyTheirOwn() {
        final DecodedStateCache cache = new DecodedStateCache(10);
        final KeyValueStore<String, CustomerState> oneStore = store();
        final KeyValueStore<String, CustomerState> otherStore = store();
        final CustomerStates one = new CustomerStates(oneStore, cache);
        final CustomerStates other = new CustomerStates(otherStore, cache);
        // The same key in two partitions (e.g. written with two partitioners) is two customers' states here.
        one.put("c", withOrders(1));
        other.put("c", withOrders(2));
        other.put("d", withOrders(3));

        assertThat(one.get("c").getOrders()).isEqualTo(1);
        assertThat(other.get("c").getOrders()).isEqualTo(2);

        one.close();
        assertThat(cache.size()).isEqualTo(2);
        oneStore.put("c", withOrders(5));
        // What a task reads after it was closed and re-initialised over a restored store.
        assertThat(new CustomerStates(oneStore, cache).get("c").getOrders()).isEqualTo(5);
    }

    @Test
    void zeroCapacityDecodesEveryRead() {
        final KeyValueStore<String, CustomerState> store = store();
        store.put("c", withOrders(1));
        final DecodedStateCache cache = new DecodedStateCache(0);
        final CustomerStates states = new CustomerStates(store, cache);

        assertThat(states.get("c")).isNotSameAs(states.get("c")).isEqualTo(store.get("c"));
        assertThat(cache.size()).isZero();
    }
}
