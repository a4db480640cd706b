package io.clvstream.topology;

import java.util.Locale;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;

/**
 * Which implementation backs every key-value store of the topology: RocksDB (default; production,
 * where state outlives the process) or in-memory (replays such as {@code clv backtest}, whose state is
 * thrown away and where the TopologyTestDriver's commit after every record would flush RocksDB each time).
 * Both are changelogged the same way, so the choice changes speed, not results.
 */
public final class StateStores {

    public static final String STORE_TYPE = "clv.state.store-type";

    private final boolean inMemory;

    private StateStores(boolean inMemory) {
        this.inMemory = inMemory;
    }

    public static StateStores from(Map<String, ?> config) {
        final Object type = config.get(STORE_TYPE);
        final String name = type == null ? "rocksdb" : type.toString().trim().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "rocksdb" -> new StateStores(false);
            case "in-memory" -> new StateStores(true);
            default -> throw new IllegalArgumentException(STORE_TYPE + " must be 'rocksdb' or 'in-memory', not '" + type + "'");
        };
    }

    public KeyValueBytesStoreSupplier keyValue(String name) {
        return inMemory ? Stores.inMemoryKeyValueStore(name) : Stores.persistentKeyValueStore(name);
    }
}
