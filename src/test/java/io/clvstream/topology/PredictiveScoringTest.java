package io.clvstream.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clvstream.avro.CustomerValue;
import io.clvstream.model.BgNbdParams;
import io.clvstream.model.BgNbdScorer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

/**
 * Every CustomerValue is scored with the configured prior (the published CDNOW fits converted to days) as of the
 * event time. Expected numbers are closed forms written out here, or the weekly published parameters (a unit
 * conversion the stream does not perform), never the stream's own figures.
 */
class PredictiveScoringTest {

    static final Instant FIRST = Instant.parse("2025-01-01T10:00:00Z");
    static final Instant CLOCK = Instant.parse("2025-06-01T00:00:00Z");
    // Published CDNOW BG/NBD (weeks) and Gamma-Gamma.
    static final double R = 0.243;
    static final double ALPHA_WEEKS = 4.414;
    static final double A = 0.793;
    static final double B = 2.426;
    static final double P = 6.25;
    static final double Q = 3.74;
    static final double V = 15.44;

    @Test
    void eventsAreScoredWithThePriorAsOfTheEventTime() {
        try (TopologyFixture f = new TopologyFixture(CLOCK, Map.of())) {
            f.buy("c-1", "o-1", FIRST, "40.00");
            f.buy("c-1", "o-2", FIRST.plus(Duration.ofDays(20)), "60.00");
            final Instant last = FIRST.plus(Duration.ofDays(50));
            f.buy("c-1", "o-3", last, "80.00");

            final CustomerValue value = f.lastValue();
            final int x = 2;
            final double txDays = 50;
            // T runs from the start (UTC) of the first purchase day: 50 days and 10 hours.
            final double tDays = 50 + 10 / 24.0;
            final double alphaDays = ALPHA_WEEKS * 7;
            final double pAlive = 1 / (1 + A / (B + x - 1) * Math.pow((alphaDays + tDays) / (alphaDays + txDays), R + x));
            assertThat(value.getPAlive()).isCloseTo(pAlive, within(1e-4));

            final BgNbdScorer weekly = new BgNbdScorer(new BgNbdParams(R, ALPHA_WEEKS, A, B));
            assertThat(value.getExpectedPurchases())
                .isCloseTo(weekly.expectedPurchases(365 / 7.0, x, txDays / 7, tDays / 7), Percentage.withPercentage(0.01));

            final double meanRepeat = (60 + 80) / 2.0;
            final double orderValue = P * (V + x * meanRepeat) / (P * x + Q - 1);
            assertThat(value.getExpectedAverageOrderValue().doubleValue()).isCloseTo(orderValue, within(0.006));

            double clv = 0;
            for (int month = 1; month <= 12; month++) {
                final double step = weekly.expectedPurchases(month * 30 / 7.0, x, txDays / 7, tDays / 7)
                    - weekly.expectedPurchases((month - 1) * 30 / 7.0, x, txDays / 7, tDays / 7);
                clv += step * orderValue / Math.pow(1.01, month);
            }
            assertThat(value.getPredictedClv().doubleValue()).isCloseTo(clv, within(0.02));

            final double medianDays = (alphaDays + tDays) * (Math.pow(2, 1 / (R + x)) - 1);
            assertThat(Duration.between(last, value.getExpectedNextPurchaseAt()).toMinutes())
                .isCloseTo(Math.round(medianDays * 24 * 60), within(1L));
            assertThat(value.getModelPrior()).isTrue();
            assertThat(value.getModelVersion()).isNull();
            assertThat(value.getUpdatedAt()).isEqualTo(last);
        }
    }

    @Test
    void aModelThatCannotScoreACustomerStillCountsItsPurchases() {
        // A prior on BG/NBD's no-dropout edge (a -> 0, b large), where the 2F1 series of E[Y] give up for a
        // one-time buyer, as a boundary fit once did in the demo (its purchases went to the dead-letter topic).
        final Map<String, String> edge = Map.of("clv.model.prior.r", "0.36", "clv.model.prior.alpha-days", "10",
            "clv.model.prior.a", "3.5566e-7", "clv.model.prior.b", "52634.26");
        try (TopologyFixture f = new TopologyFixture(CLOCK, edge)) {
            f.buy("c-1", "o-1", FIRST, "40.00");

            final CustomerValue value = f.lastValue();
            assertThat(value.getOrders()).isEqualTo(1);
            assertThat(value.getHistoricClv().doubleValue()).isEqualTo(40.0);
            assertThat(value.getPredictedClv()).isNull();
            assertThat(value.getExpectedPurchases()).isNull();
            assertThat(f.deadLetters.isEmpty()).isTrue();

            f.buy("c-1", "o-2", FIRST.plus(Duration.ofDays(20)), "60.00");
            assertThat(f.lastValue().getHistoricClv().doubleValue()).isEqualTo(100.0);
            assertThat(f.deadLetters.isEmpty()).isTrue();
        }
    }

    @Test
    void weeksAndDaysGiveTheSameFigures() {
        CustomerValue days;
        CustomerValue weeks;
        try (TopologyFixture f = new TopologyFixture(CLOCK, Map.of())) {
            f.buy("c-1", "o-1", FIRST, "40.00");
            f.buy("c-1", "o-2", FIRST.plus(Duration.ofDays(33)), "60.00");
            days = f.lastValue();
        }
        try (TopologyFixture f = new TopologyFixture(CLOCK, Map.of("clv.model.time-unit", "weeks"))) {
            f.buy("c-1", "o-1", FIRST, "40.00");
            f.buy("c-1", "o-2", FIRST.plus(Duration.ofDays(33)), "60.00");
            weeks = f.lastValue();
        }
        assertThat(weeks.getPAlive()).isCloseTo(days.getPAlive(), within(1e-9));
        assertThat(weeks.getExpectedPurchases()).isCloseTo(days.getExpectedPurchases(), within(1e-9));
        // lifetimes' weekly month is 4.345 weeks, not 30 days: the CLVs differ a little, by design.
        assertThat(weeks.getPredictedClv().doubleValue()).isCloseTo(days.getPredictedClv().doubleValue(),
            Percentage.withPercentage(2));
    }

    @Test
    void firstPurchaseIsAliveAndSignupOnlyHasNoPrediction() {
        try (TopologyFixture f = new TopologyFixture(CLOCK, Map.of())) {
            f.signup("c-2", FIRST, "web", null);
            assertThat(f.lastValue()).satisfies(v -> {
                assertThat(v.getPAlive()).isNull();
                assertThat(v.getPredictedClv()).isNull();
                assertThat(v.getModelPrior()).isFalse();
            });
            f.buy("c-2", "o-1", FIRST, "25.00");
            final CustomerValue value = f.lastValue();
            // BG/NBD: a customer can only drop out right after a repeat purchase, so x = 0 means alive.
            assertThat(value.getPAlive()).isEqualTo(1.0);
            // x = 0: Gamma-Gamma's population mean p v / (q - 1).
            assertThat(value.getExpectedAverageOrderValue().doubleValue()).isCloseTo(P * V / (Q - 1), within(0.006));
        }
    }

    @Test
    void marginScalesThePredictedClv() {
        try (TopologyFixture f = new TopologyFixture(CLOCK, Map.of())) {
            f.buy("c-1", "o-1", FIRST, "40.00");
            f.buy("c-1", "o-2", FIRST.plus(Duration.ofDays(10)), "60.00");
            final double full = f.lastValue().getPredictedClv().doubleValue();
            f.purchases.pipeInput("c-3", TopologyFixture.purchase("p-1", "c-3", FIRST, "40.00", "USD"), FIRST);
            final io.clvstream.avro.Purchase second = TopologyFixture.purchase("p-2", "c-3",
                FIRST.plus(Duration.ofDays(10)), "60.00", "USD");
            second.setGrossMargin(new java.math.BigDecimal("15.00"));
            f.purchases.pipeInput("c-3", second, FIRST.plus(Duration.ofDays(10)));
            assertThat(f.lastValue().getPredictedClv().doubleValue()).isCloseTo(full * 0.25, within(0.01));
        }
    }
}
