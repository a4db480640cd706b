package io.clvstream.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomerTopologyConfigTest {

    @Test
    void defaults() {
        final CustomerTopologyConfig config = CustomerTopologyConfig.defaults();
        assertThat(config.baseCurrency()).isEqualTo("USD");
        assertThat(config.rates()).isEmpty();
        assertThat(config.refundWindow()).isEqualTo(Duration.ofDays(365));
        assertThat(config.maxFuture()).isEqualTo(Duration.ofDays(1));
        assertThat(config.tiers()).extracting(Tier::name).containsExactly("bronze", "silver", "gold", "platinum");
        assertThat(config.tiers()).extracting(Tier::thresholdCents).containsExactly(0L, 50_000L, 200_000L, 1_000_000L);
        assertThat(config.tierMetric()).isEqualTo(ValueMetric.NET_SPEND_12M);
        assertThat(config.downgradeGrace()).isEqualTo(Duration.ofDays(30));
        assertThat(config.highValueMetric()).isEqualTo(ValueMetric.FORMULA_CLV);
        assertThat(config.highValueThresholdCents()).isEqualTo(1_000_000L);
        assertThat(config.lifespanYears()).isEqualTo(3.0);
        assertThat(config.priorOrdersPerYear()).isEqualTo(2.0);
        assertThat(config.priorWeightYears()).isEqualTo(1.0);
        assertThat(config.timeSource()).isEqualTo(TimeSource.WALL_CLOCK);
    }

    @Test
    void parsesEveryKey() {
        final CustomerTopologyConfig config = CustomerTopologyConfig.from(Map.of(
            "clv.currency.base", "eur", "clv.currency.rates", "USD:0.92, GBP:1.17",
            "clv.tiers", "vip:1000,member:0", "clv.tier.metric", "lifetime-net-spend",
            "clv.time.source", "stream-time", "clv.alert.high-value.threshold", "2500.50"));
        assertThat(config.baseCurrency()).isEqualTo("EUR");
        assertThat(config.rates()).containsEntry("USD", new BigDecimal("0.92")).containsEntry("GBP", new BigDecimal("1.17"));
        assertThat(config.tiers()).extracting(Tier::name).containsExactly("member", "vip");
        assertThat(config.tierMetric()).isEqualTo(ValueMetric.LIFETIME_NET_SPEND);
        assertThat(config.timeSource()).isEqualTo(TimeSource.STREAM_TIME);
        assertThat(config.highValueThresholdCents()).isEqualTo(250_050L);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> CustomerTopologyConfig.from(Map.of("clv.tiers", "gold"))).hasMessageContaining("clv.tiers");
        assertThatThrownBy(() -> CustomerTopologyConfig.from(Map.of("clv.currency.rates", "EUR:-1")))
            .hasMessageContaining("positive");
        assertThatThrownBy(() -> CustomerTopologyConfig.from(Map.of("clv.alert.high-value.hysteresis", "1")))
            .hasMessageContaining("hysteresis");
    }
}
