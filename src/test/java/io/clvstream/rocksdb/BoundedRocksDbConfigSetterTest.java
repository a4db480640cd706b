package io.clvstream.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clvstream.rocksdb.BoundedRocksDbConfigSetter.Budget;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.IndexType;
import org.rocksdb.Options;

class BoundedRocksDbConfigSetterTest {

    @Test
    void budgetDefaultsWhenNotConfigured() {
        assertThat(Budget.from(Map.of())).isEqualTo(new Budget(64L << 20, 32L << 20));
    }

    @Test
    void budgetReadsStringsAndNumbers() {
        final Budget budget = Budget.from(Map.of(
            BoundedRocksDbConfigSetter.BLOCK_CACHE_BYTES, " 268435456 ",
            BoundedRocksDbConfigSetter.WRITE_BUFFER_BYTES, 67108864L));

        assertThat(budget).isEqualTo(new Budget(256L << 20, 64L << 20));
        assertThat(budget.totalBytes()).isEqualTo(320L << 20);
    }

    @Test
    void budgetRejectsNonsense() {
        assertThatThrownBy(() -> Budget.from(Map.of(BoundedRocksDbConfigSetter.BLOCK_CACHE_BYTES, "64MiB")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clv.rocksdb.block-cache-bytes");
        assertThatThrownBy(() -> Budget.from(Map.of(BoundedRocksDbConfigSetter.WRITE_BUFFER_BYTES, "0")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    }

    @Test
    void twoStoresShareOneCacheAndOneWriteBufferManager() {
        final Map<String, Object> configs = new HashMap<>(Map.of(
            BoundedRocksDbConfigSetter.BLOCK_CACHE_BYTES, "8388608",
            BoundedRocksDbConfigSetter.WRITE_BUFFER_BYTES, "4194304"));
        final BoundedRocksDbConfigSetter setter = new BoundedRocksDbConfigSetter();
        try (Options first = streamsLikeOptions(); Options second = streamsLikeOptions()) {
            setter.setConfig("customer-state", first, configs);
            new BoundedRocksDbConfigSetter().setConfig("tier-due-index", second, configs);
            setter.close("customer-state", first);

            final BoundedRocksDbConfigSetter.SharedMemory shared = BoundedRocksDbConfigSetter.sharedFor(configs);
            assertThat(first.writeBufferManager()).isSameAs(shared.writeBuffers());
            assertThat(second.writeBufferManager()).isSameAs(shared.writeBuffers());
            assertThat(BoundedRocksDbConfigSetter.sharedFor(Map.copyOf(configs)).cache()).isSameAs(shared.cache());
            final BlockBasedTableConfig table = (BlockBasedTableConfig) second.tableFormatConfig();
            assertThat(table.cacheIndexAndFilterBlocks()).isTrue();
            assertThat(table.cacheIndexAndFilterBlocksWithHighPriority()).isTrue();
            assertThat(table.indexType()).isEqualTo(IndexType.kTwoLevelIndexSearch);
            assertThat(second.arenaBlockSize()).isEqualTo(BoundedRocksDbConfigSetter.ARENA_BLOCK_BYTES);
            // Closing one store's setter must leave the shared objects usable by the others.
            assertThat(shared.cache().isOwningHandle()).isTrue();
        }
    }

    @Test
    void anotherBudgetGetsItsOwnCache() {
        final BoundedRocksDbConfigSetter.SharedMemory small = BoundedRocksDbConfigSetter.sharedFor(
            Map.of(BoundedRocksDbConfigSetter.BLOCK_CACHE_BYTES, "1048576"));
        final BoundedRocksDbConfigSetter.SharedMemory large = BoundedRocksDbConfigSetter.sharedFor(
            Map.of(BoundedRocksDbConfigSetter.BLOCK_CACHE_BYTES, "2097152"));

        assertThat(small.cache()).isNotSameAs(large.cache());
    }

    /** Streams hands setters options that already carry a BlockBasedTableConfig. */
    private static Options streamsLikeOptions() {
        final Options options = new Options();
        options.setTableFormatConfig(new BlockBasedTableConfig());
        return options;
    }
}
