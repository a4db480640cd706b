package io.clvstream.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StateStoresTest {

    @Test
    void rocksDbByDefaultInMemoryWhenAskedAndNothingElse() {
        assertThat(StateStores.from(Map.of()).keyValue("s").metricsScope()).isEqualTo("rocksdb");
        assertThat(StateStores.from(Map.of(StateStores.STORE_TYPE, "In-Memory")).keyValue("s").metricsScope()).isEqualTo("in-memory");
        assertThat(StateStores.from(Map.of(StateStores.STORE_TYPE, "in-memory")).keyValue("s").name()).isEqualTo("s");
        assertThatThrownBy(() -> StateStores.from(Map.of(StateStores.STORE_TYPE, "lmdb")))
            .hasMessageContaining("'rocksdb' or 'in-memory'");
    }
}
