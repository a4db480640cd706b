package io.clvstream.topology;

import java.util.Locale;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;

/**
 * Which implementation backs every key-value store of the topology: RocksDB (default; production,
 * where state outlives the process) or in-memory (replays such as {@code clv backtest}, whose state is
 * thrown away and where the TopologyTestDriver's commit after every record would flush RocksDB each time).
 * Both are changelogged the same way, so the choice changes speed, not results. Also how many customer
 * states each stream thread keeps decoded in front of {@code customer-state} ({@link CustomerStates}), which
 * changes speed and heap, not results either.
 */
public final class StateStores {

    public static final String STORE_TYPE = "clv.state.store-type";
    /**
     * Customer states an instance keeps decoded on the heap, the most recently used, shared out evenly between
     * its stream threads (about 1–2 KB each); 0 decodes every read.
     */
    public static final String DECODED_CUSTOMERS = "clv.state.decoded-customers";
    public static final int DEFAULT_DECODED_CUSTOMERS = 100_000;

    private final boolean inMemory;
    private final int decodedCustomersPerThread;

    private StateStores(boolean inMemory, int decodedCustomersPerThread) {
        this.inMemory = inMemory;
        this.decodedCustomersPerThread = decodedCustomersPerThread;
    }

    public static StateStores from(Map<String, ?> config) {
        final Object type = config.get(STORE_TYPE);
        final String name = type == null ? "rocksdb" : type.toString().trim().toLowerCase(Locale.ROOT);
        final boolean inMemory = switch (name) {
            case "rocksdb" -> false;
            case "in-memory" -> true;
            default -> throw new IllegalArgumentException(STORE_TYPE + " must be 'rocksdb' or 'in-memory', not '" + type + "'");
        };
        final Object decoded = config.get(DECODED_CUSTOMERS);
        final int decodedCustomers = decoded == null ? DEFAULT_DECODED_CUSTOMERS : Integer.parseInt(decoded.toString().trim());
        if (decodedCustomers < 0) {
            throw new IllegalArgumentException(DECODED_CUSTOMERS + " must be >= 0, got " + decoded);
        }
        final Object threads = config.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG);
        final int threadCount = threads == null ? 1 : Math.max(1, Integer.parseInt(threads.toString().trim()));
        return new StateStores(inMemory, decodedCustomers / threadCount);
    }

    /** How many customer states each stream thread keeps decoded. */
    public int decodedCustomersPerThread() {
        return decodedCustomersPerThread;
    }

    public KeyValueBytesStoreSupplier keyValue(String name) {
        return inMemory ? Stores.inMemoryKeyValueStore(name) : Stores.persistentKeyValueStore(name);
    }
}
