package io.clvstream.rocksdb;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.IndexType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of all RocksDB stores of this JVM: every store uses ONE shared LRU block
 * cache, with index and filter blocks charged to it, and ONE {@link WriteBufferManager} whose memtables
 * are charged to the same cache. Without it each store partition opens its own 50 MB-ish of cache and
 * memtables, so memory grows with the number of tasks instead of with configuration.
 *
 * <p>The budget: {@value #BLOCK_CACHE_BYTES} (default 64 MiB) for data, index and filter blocks plus
 * {@value #WRITE_BUFFER_BYTES} (default 32 MiB) for memtables; the cache's capacity is their sum, and the
 * write buffer manager flushes memtables once they take more than their share. The two numbers add up,
 * as deploy/README.md's memory budget assumes.
 *
 * <p>The shared objects are static on purpose: Streams creates one setter instance per store and gives
 * it no lifecycle hook for the whole application, so Kafka's documented bounded-memory pattern keeps
 * the cache and the write buffer manager in static fields and never closes them in {@link #close}.
 * They are keyed by the budget, so two Streams instances in one JVM with the same settings (the
 * phases of {@code clv bench}) share them, and one with other settings gets its own.
 */
public final class BoundedRocksDbConfigSetter implements RocksDBConfigSetter {

    public static final String BLOCK_CACHE_BYTES = "clv.rocksdb.block-cache-bytes";
    public static final String WRITE_BUFFER_BYTES = "clv.rocksdb.write-buffer-bytes";
    public static final long DEFAULT_BLOCK_CACHE_BYTES = 64L << 20;
    public static final long DEFAULT_WRITE_BUFFER_BYTES = 32L << 20;

    /** Share of the cache kept for index and filter blocks, so data blocks cannot evict them. */
    private static final double HIGH_PRIORITY_RATIO = 0.1;

    static final long ARENA_BLOCK_BYTES = 64L << 10;

    private static final Map<Budget, SharedMemory> SHARED = new ConcurrentHashMap<>();

    /** The configured budget in bytes. */
    public record Budget(long blockCacheBytes, long writeBufferBytes) {

        public Budget {
            if (blockCacheBytes <= 0 || writeBufferBytes <= 0) {
                throw new IllegalArgumentException(BLOCK_CACHE_BYTES + " and " + WRITE_BUFFER_BYTES
                    + " must be positive, got " + blockCacheBytes + " and " + writeBufferBytes);
            }
        }

        /** From Streams' application configs; a missing key takes its default. */
        public static Budget from(Map<String, ?> configs) {
            return new Budget(bytes(configs, BLOCK_CACHE_BYTES, DEFAULT_BLOCK_CACHE_BYTES),
                bytes(configs, WRITE_BUFFER_BYTES, DEFAULT_WRITE_BUFFER_BYTES));
        }

        public long totalBytes() {
            return blockCacheBytes + writeBufferBytes;
        }

        private static long bytes(Map<String, ?> configs, String key, long fallback) {
            final Object value = configs.get(key);
            if (value == null || value.toString().isBlank()) {
                return fallback;
            }
            try {
                return Long.parseLong(value.toString().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a number of bytes, got \"" + value + "\"", e);
            }
        }
    }

    /** The cache and write buffer manager that every store with one budget uses. */
    record SharedMemory(Cache cache, WriteBufferManager writeBuffers) {

        static SharedMemory allocate(Budget budget) {
            final Cache cache = new LRUCache(budget.totalBytes(), -1, false, HIGH_PRIORITY_RATIO);
            return new SharedMemory(cache, new WriteBufferManager(budget.writeBufferBytes(), cache));
        }
    }

    /** The shared memory for {@code configs}' budget, allocated on first use. */
    static SharedMemory sharedFor(Map<String, ?> configs) {
        return SHARED.computeIfAbsent(Budget.from(configs), SharedMemory::allocate);
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        final SharedMemory shared = sharedFor(configs);
        // Streams installs its own BlockBasedTableConfig before calling setters; we adjust that one.
        final BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(shared.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        // Partitioned index and filters: only their small top level stays pinned, the rest is cached
        // (and evictable) like data, so a large store cannot crowd the cache out with its index.
        table.setIndexType(IndexType.kTwoLevelIndexSearch);
        table.setPartitionFilters(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(shared.writeBuffers());
        // A memtable charges the manager one arena block up front, by default write_buffer_size / 8 =
        // 2 MiB: with ~40 store partitions that alone exceeded the 32 MiB budget, so every write made
        // its store flush a tiny memtable (tens of thousands of SST files in a bench). Small blocks keep
        // the charge near the memtable's real size.
        options.setArenaBlockSize(ARENA_BLOCK_BYTES);
    }

    @Override
    public void close(String storeName, Options options) {
        // Nothing: the cache and write buffer manager are shared by every store and outlive this one.
    }
}
