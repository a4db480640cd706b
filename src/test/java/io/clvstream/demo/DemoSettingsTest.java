package io.clvstream.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.clvstream.config.ClvConfig;
import io.clvstream.config.ClvConfigLoader;
import io.clvstream.customer.CustomerTopologyConfig;
import io.clvstream.customer.TimeSource;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DemoSettingsTest {

    @Test
    void demoDefaultsReplaceTheProductionOnes() {
        final ClvConfig config = DemoSettings.of(Map.of());
        final CustomerTopologyConfig topology = CustomerTopologyConfig.from(config.asMap());

        assertThat(config.dataDir().toString()).isEqualTo("./data/demo");
        assertThat(config.stateDir().toString()).isEqualTo("./data/demo/streams");
        assertThat(topology.timeSource()).isEqualTo(TimeSource.STREAM_TIME);
        assertThat(topology.tiers()).extracting(t -> t.name()).containsExactly("bronze", "silver", "gold", "platinum");
        assertThat(topology.highValueThresholdCents()).isEqualTo(150_000);
    }

    @Test
    void whatTheUserSetWins() {
        final Map<String, String> flags = Map.of(ClvConfig.DATA_DIR, "/tmp/x", CustomerTopologyConfig.TIERS, "a:0,b:10");
        final ClvConfig config = DemoSettings.of(flags);

        assertThat(config.dataDir().toString()).isEqualTo("/tmp/x");
        assertThat(config.stateDir().toString()).isEqualTo("/tmp/x/streams");
        assertThat(config.get(CustomerTopologyConfig.TIERS)).contains("a:0,b:10");
    }

    @Test
    void theEnvironmentCannotPointTheDemoAtTheRunsDataOrState() {
        final ClvConfig loaded = ClvConfigLoader.load(Optional.empty(),
            Map.of("CLV_CLV_DATA_DIR", "/var/lib/clv-stream/data", "CLV_STATE_DIR", "/var/lib/clv-stream/state"), Map.of());
        final ClvConfig config = DemoSettings.apply(loaded, Map.of());

        assertThat(config.dataDir().toString()).isEqualTo("./data/demo");
        assertThat(config.stateDir().toString()).isEqualTo("./data/demo/streams");
    }
}
