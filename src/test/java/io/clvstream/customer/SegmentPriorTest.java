package io.clvstream.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clvstream.avro.SegmentStats;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SegmentPriorTest {

    static final CustomerTopologyConfig FROM_SEGMENT = CustomerTopologyConfig.from(Map.of(
        "clv.formula.prior-source", "segment", "clv.formula.segment-min-customers", "50"));

    static SegmentStats stats(long customers, Double frequency, Double lifespan) {
        return SegmentStats.newBuilder().setSegment("vip").setCustomers(customers).setRepeatCustomers(0)
            .setRepeatCustomerRate(0).setOrders(0).setNetRevenue(BigDecimal.ZERO).setPurchaseFrequency(frequency)
            .setAverageLifespanYears(lifespan).setUpdatedAt(Instant.EPOCH).build();
    }

    @Test
    void aLargeEnoughSegmentLendsItsFrequencyAndLifespan() {
        assertThat(SegmentPrior.of(stats(50, 3.0, 5.0), FROM_SEGMENT)).isEqualTo(new SegmentPrior(3.0, 5.0));
        // With those priors the worked example holds: 500 x 3/yr x 5 yr = 7,500.
        final SegmentPrior prior = SegmentPrior.of(stats(50, 3.0, 5.0), FROM_SEGMENT);
        assertThat(500 * prior.ordersPerYear() * prior.lifespanYears()).isEqualTo(7_500.0);
    }

    @Test
    void smallUnknownOrConfiguredAwaySegmentsLendNothing() {
        assertThat(SegmentPrior.of(stats(49, 3.0, 5.0), FROM_SEGMENT)).isNull();
        assertThat(SegmentPrior.of(null, FROM_SEGMENT)).isNull();
        assertThat(SegmentPrior.of(stats(50, null, null), FROM_SEGMENT)).isNull();
        assertThat(SegmentPrior.of(stats(500, 3.0, 5.0), CustomerTopologyConfig.defaults())).isNull();
    }

    @Test
    void aMissingFigureFallsBackToConfigurationAndLifespanIsCapped() {
        // Defaults: 2 orders/yr, 3 years; cap 10 years.
        assertThat(SegmentPrior.of(stats(50, null, 4.0), FROM_SEGMENT)).isEqualTo(new SegmentPrior(2.0, 4.0));
        assertThat(SegmentPrior.of(stats(50, 6.0, null), FROM_SEGMENT)).isEqualTo(new SegmentPrior(6.0, 3.0));
        assertThat(SegmentPrior.of(stats(50, 6.0, 250.0), FROM_SEGMENT)).isEqualTo(new SegmentPrior(6.0, 10.0));
    }

    @Test
    void settingsAreValidated() {
        assertThatThrownBy(() -> CustomerTopologyConfig.from(Map.of("clv.formula.prior-source", "crystal-ball")))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CustomerTopologyConfig.from(Map.of("clv.formula.max-lifespan-years", "0")))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
