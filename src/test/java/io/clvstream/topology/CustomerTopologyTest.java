package io.clvstream.topology;

import static io.clvstream.topology.TopologyFixture.purchase;
import static org.assertj.core.api.Assertions.assertThat;

import io.clvstream.avro.CustomerValue;
import io.clvstream.avro.internal.CustomerState;
import io.clvstream.serde.InternalAvroSerde;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Purchases, refunds, signups, currencies and keys through the real topology. */
class CustomerTopologyTest {

    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant CLOCK = Instant.parse("2026-01-02T00:00:00Z");
    /** A Julian year after T0: the unit of purchase frequency. */
    static final Instant ONE_YEAR = T0.plus(Duration.ofHours(365 * 24 + 6));

    static Instant day(int days) {
        return T0.plus(Duration.ofDays(days));
    }

    static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }

    @ParameterizedTest(name = "{0} x {1} orders/yr x {2} yr = {3}")
    @CsvSource({"500.00, 3, 5, 7500.00", "5000.00, 4, 8, 160000.00", "800.00, 5, 3, 12000.00"})
    void formulaClvReproducesTheSeedExamples(String aov, int orders, int lifespan, String expected) {
        // No shrinkage and a tenure of exactly one year, so frequency = orders; the last order ends the year.
        try (TopologyFixture f = new TopologyFixture(CLOCK, Map.of(
            "clv.formula.prior-weight-years", "0", "clv.formula.lifespan-years", String.valueOf(lifespan)))) {
            for (int i = 0; i < orders - 1; i++) {
                f.buy("c-1", "o-" + i, day(i * 30), aov);
            }
            f.buy("c-1", "o-last", ONE_YEAR, aov);

            final CustomerValue value = f.lastValue();
            assertThat(value.getOrders()).isEqualTo(orders);
            assertThat(value.getFormulaClv()).isEqualByComparingTo(expected);
            assertThat(value.getNetClv()).isNull();
            assertThat(value.getLtvToCac()).isNull();
        }
    }

    @Test
    void acquisitionCostGivesNetClvAndLtvToCac() {
        try (TopologyFixture f = new TopologyFixture(CLOCK, Map.of(
            "clv.formula.prior-weight-years", "0", "clv.formula.lifespan-years", "5"))) {
            f.buy("c-1", "o-1", T0, "500.00");
            f.buy("c-1", "o-2", day(100), "500.00");
            f.buy("c-1", "o-3", ONE_YEAR, "500.00");
            f.signup("c-1", ONE_YEAR.plusSeconds(60), "retail", "2500.00");

            final CustomerValue value = f.lastValue();
            assertThat(value.getFormulaClv()).isEqualByComparingTo("7500.00");
            assertThat(value.getNetClv()).isEqualByComparingTo("5000.00");
            assertThat(value.getLtvToCac()).isEqualTo(3.0);
            assertThat(value.getSegment()).isEqualTo("retail");
            assertThat(value.getAcquisitionCost()).isEqualByComparingTo("2500.00");
            assertThat(value.getCause().getType()).isEqualTo("SIGNUP");
        }
    }

    @Test
    void purchaseBeforeSignupAndSignupBeforePurchase() {
        try (TopologyFixture f = new TopologyFixture(CLOCK, Map.of())) {
            f.buy("early", "o-1", T0, "100.00");
            assertThat(f.lastValue().getNetClv()).isNull();
            f.signup("early", day(1), "web", "40.00");
            assertThat(f.lastValue()).satisfies(v -> {
                assertThat(v.getOrders()).isEqualTo(1);
                assertThat(v.getNetClv()).isNotNull();
                assertThat(v.getSegment()).isEqualTo("web");
            });

            f.signup("late", T0, "store", null);
            assertThat(f.lastValue()).satisfies(v -> {
                assertThat(v.getOrders()).isZero();
                assertThat(v.getSegment()).isEqualTo("store");
                assertThat(v.getFormulaClv()).isNull();
                assertThat(v.getNetClv()).isNull();
            });
            f.buy("late", "o-2", day(2), "80.00");
            assertThat(f.lastValue()).satisfies(v -> {
                assertThat(v.getSegment()).isEqualTo("store");
                assertThat(v.getNetRevenue()).isEqualByComparingTo("80.00");
                assertThat(v.getNetClv()).isNull();
            });
        }
    }

    @Test
    void duplicatePurchaseAndRefundChangeNothingAndEmitNothing() {
        try (TopologyFixture f = new TopologyFixture(CLOCK, Map.of())) {
            f.buy("c-1", "o-1", T0, "100.00");
            f.refund("c-1", "r-1", "o-1", day(1), "10.00");
            assertThat(f.values()).hasSize(2);
            final byte[] before = bytes(f.state("c-1"));

            f.buy("c-1", "o-1", T0, "100.00");
            f.refund("c-1", "r-1", "o-1", day(1), "10.00");

            assertThat(f.values.isEmpty()).isTrue();
            assertThat(f.tierChanges.readValuesToList()).hasSize(1);
            assertThat(bytes(f.state("c-1"))).isEqualTo(before);
            assertThat(f.state("c-1").getOrders()).isEqualTo(1);
        }
    }

    @Test
    void outOfOrderPurchasesGiveTheSameStateAsInOrder() {
        final String[][] events = {
            {"o-a", "0", "100.00"}, {"o-b", "40", "50.00"}, {"o-c", "40", "30.00"}, {"o-d", "200", "70.00"}};
        final CustomerState inOrder;
        final CustomerValue inOrderValue;
        try (TopologyFixture f = new TopologyFixture(CLOCK, Map.of())) {
            for (final String[] e : events) {
                f.buy("c-1", e[0], day(Integer.parseInt(e[1])), e[2]);
            }
            inOrder = f.state("c-1");
            inOrderValue = f.lastValue();
        }
        try (TopologyFixture f = new TopologyFixture(CLOCK, Map.of())) {
            for (final int i : new int[] {3, 2, 0, 1}) {
                f.buy("c-1", events[i][0], day(Integer.parseInt(events[i][1])), events[i][2]);
            }
            assertThat(bytes(f.state("c-1"))).isEqualTo(bytes(inOrder));
            final CustomerValue value = f.lastValue();
            assertThat(value.getOrders()).isEqualTo(4);
            assertThat(value.getNetRevenue()).isEqualByComparingTo("250.00");
            assertThat(value.getFormulaClv()).isEqualByComparingTo(inOrderValue.getFormulaClv());
            assertThat(value.getFirstPurchaseAt()).isEqualTo(T0);
            assertThat(value.getLastPurchaseAt()).isEqualTo(day(200));
        }
        // Three purchase days (40 has two orders): two repeat transactions worth 80 + 70.
        assertThat(inOrder.getPurchaseDays()).hasSize(3);
        assertThat(inOrder.getKeptCents() - inOrder.getFirstDayCents()).isEqualTo(15_000L);
    }

    @Test
    void fullRefundRemovesTheOrderFromOrdersAndRepeatState() {
        try (TopologyFixture f = new TopologyFixture(CLOCK, Map.of())) {
            f.buy("c-1", "o-a", T0, "100.00");
            f.buy("c-1", "o-b", day(10), "50.00");
            assertThat(f.lastValue().getRepeatCustomer()).isTrue();

            f.refund("c-1", "r-1", "o-a", day(12), "100.00");

            final CustomerValue value = f.lastValue();
            assertThat(value.getOrders()).isEqualTo(1);
            assertThat(value.getRepeatCustomer()).isFalse();
            assertThat(value.getNetRevenue()).isEqualByComparingTo("50.00");
            assertThat(value.getGrossRevenue()).isEqualByComparingTo("150.00");
            assertThat(value.getRefundedRevenue()).isEqualByComparingTo("100.00");
            assertThat(value.getCause().getNote()).contains("full refund").contains("o-a");
            final CustomerState state = f.state("c-1");
            assertThat(state.getPurchaseDays()).containsExactly((int) (day(10).getEpochSecond() / 86_400));
            assertThat(state.getFirstDayCents()).isEqualTo(5_000L);
        }
    }

    @Test
    void partialRefundsKeepTheOrderUntilTheyAddUpToIt() {
        try (TopologyFixture f = new TopologyFixture(CLOCK, Map.of())) {
            f.buy("c-1", "o-a", T0, "100.00");
            f.buy("c-1", "o-b", day(10), "50.00");
            f.refund("c-1", "r-1", "o-a", day(12), "40.00");
            assertThat(f.lastValue()).satisfies(v -> {
                assertThat(v.getOrders()).isEqualTo(2);
                assertThat(v.getRepeatCustomer()).isTrue();
                assertThat(v.getNetRevenue()).isEqualByComparingTo("110.00");
                assertThat(v.getCause().getNote()).contains("partial refund");
            });
            f.refund("c-1", "r-2", "o-a", day(13), "60.00");
            assertThat(f.lastValue()).satisfies(v -> {
                assertThat(v.getOrders()).isEqualTo(1);
                assertThat(v.getNetRevenue()).isEqualByComparingTo("50.00");
            });
        }
    }

    @Test
    void refundOfUnknownOrderTakesRevenueOnlyWithAReason() {
        try (TopologyFixture f = new TopologyFixture(CLOCK, Map.of())) {
            f.buy("c-1", "o-a", T0, "100.00");
            f.refund("c-1", "r-1", "o-zzz", day(3), "20.00");
            final CustomerValue value = f.lastValue();
            assertThat(value.getOrders()).isEqualTo(1);
            assertThat(value.getNetRevenue()).isEqualByComparingTo("80.00");
            assertThat(value.getCause().getType()).isEqualTo("REFUND");
            assertThat(value.getCause().getId()).isEqualTo("r-1");
            assertThat(value.getCause().getNote()).contains("unknown").contains("o-zzz").contains("revenue only");
        }
    }

    @Test
    void refundOfAnOrderOlderThanTheWindowIsRevenueOnly() {
        try (TopologyFixture f = new TopologyFixture(CLOCK, Map.of("clv.refund.window.days", "30"))) {
            f.buy("c-1", "o-a", T0, "100.00");
            f.buy("c-1", "o-b", day(40), "10.00");
            f.refund("c-1", "r-1", "o-a", day(41), "100.00");
            assertThat(f.lastValue()).satisfies(v -> {
                assertThat(v.getOrders()).isEqualTo(2);
                assertThat(v.getNetRevenue()).isEqualByComparingTo("10.00");
                assertThat(v.getCause().getNote()).contains("expired");
            });
        }
    }

    @Test
    void refundLargerThanWhatRemainsIsDeadLetteredAndChangesNothing() {
        try (TopologyFixture f = new TopologyFixture(CLOCK, Map.of())) {
            f.buy("c-1", "o-a", T0, "100.00");
            f.refund("c-1", "r-1", "o-a", day(1), "40.00");
            f.values();
            final byte[] before = bytes(f.state("c-1"));

            f.refund("c-1", "r-2", "o-a", day(2), "60.01");

            assertThat(f.values.isEmpty()).isTrue();
            assertThat(bytes(f.state("c-1"))).isEqualTo(before);
            final var letter = f.deadLetters.readValue();
            assertThat(letter.getReasonCode()).isEqualTo("REFUND_EXCEEDS_ORDER");
            assertThat(letter.getReason()).contains("60.01").contains("60.00").contains("o-a");
            assertThat(letter.getSourceTopic()).isEqualTo("commerce.refunds");
            assertThat(letter.getOffset()).isEqualTo(1L);
            assertThat(letter.getValue()).isNotNull();
            assertThat(f.deadLetterCounter.count("REFUND_EXCEEDS_ORDER")).isEqualTo(1);
        }
    }

    @Test
    void foreignCurrencyIsConvertedWithTheRateTable() {
        try (TopologyFixture f = new TopologyFixture(CLOCK, Map.of("clv.currency.rates", "EUR:1.10,GBP:1.25"))) {
            f.purchases.pipeInput("c-1", purchase("o-1", "c-1", T0, "100.00", "EUR"), T0);
            f.purchases.pipeInput("c-1", purchase("o-2", "c-1", day(1), "10.01", "gbp"), day(1));
            // 100 EUR x 1.10 = 110.00; 10.01 GBP x 1.25 = 12.5125 -> 12.51 (half-even).
            final CustomerValue value = f.lastValue();
            assertThat(value.getNetRevenue()).isEqualByComparingTo("122.51");
            assertThat(value.getCurrency()).isEqualTo("USD");
        }
    }

    @Test
    void misKeyedAndUnkeyedRecordsAreRepartitionedToTheirCustomer() {
        try (TopologyFixture f = new TopologyFixture(CLOCK, Map.of())) {
            f.purchases.pipeInput("someone-else", purchase("o-1", "c-1", T0, "10.00", "USD"), T0);
            f.purchases.pipeInput(null, purchase("o-2", "c-1", day(1), "20.00", "USD"), day(1));
            f.buy("c-1", "o-3", day(2), "30.00");

            final List<org.apache.kafka.streams.test.TestRecord<String, CustomerValue>> records = f.values.readRecordsToList();
            assertThat(records).extracting(org.apache.kafka.streams.test.TestRecord::key).containsOnly("c-1");
            assertThat(records.get(records.size() - 1).value().getOrders()).isEqualTo(3);
            assertThat(f.state("c-1").getOrders()).isEqualTo(3);
            assertThat(f.state("someone-else")).isNull();
        }
    }

    static byte[] bytes(CustomerState state) {
        return new InternalAvroSerde<>(CustomerState.class).serialize("", state);
    }
}
