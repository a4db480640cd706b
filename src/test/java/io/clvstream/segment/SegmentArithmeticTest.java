package io.clvstream.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clvstream.avro.CustomerValue;
import io.clvstream.avro.EventRef;
import io.clvstream.avro.SegmentStats;
import io.clvstream.avro.internal.SegmentAggregate;
import io.clvstream.avro.internal.SegmentMember;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SegmentArithmeticTest {

    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    static CustomerValue value(String id, String segment, String net, Double pAlive, int lastDay) {
        return CustomerValue.newBuilder().setCustomerId(id).setSegment(segment).setOrders(2).setRepeatCustomer(true)
            .setNetRevenue(new BigDecimal(net)).setHistoricClv(new BigDecimal(net)).setPAlive(pAlive)
            .setFirstPurchaseAt(T0).setLastPurchaseAt(T0.plus(Duration.ofDays(lastDay)))
            .setCause(new EventRef("e", "PURCHASE", null)).setUpdatedAt(T0.plus(Duration.ofDays(400))).build();
    }

    static SegmentAggregate sum(SegmentMembers members, CustomerValue... values) {
        final SegmentAggregate aggregate = SegmentArithmetic.empty();
        for (final CustomerValue value : values) {
            SegmentArithmetic.addTo(aggregate, members.of(value));
        }
        return aggregate;
    }

    @Test
    void pAliveChurnCountsPAliveBelowTheThresholdAndLeavesTheRestToTheDays() {
        final SegmentsConfig config = SegmentsConfig.from(Map.of("clv.segments.churn", "p-alive"));
        final SegmentMembers members = new SegmentMembers(config);
        // P(alive) 0.3 churned, 0.8 and 0.5 not; two customers without a P(alive) are left to the days rule.
        final SegmentAggregate a = sum(members, value("1", "x", "10", 0.3, 399), value("2", "x", "10", 0.8, 0),
            value("3", "x", "10", 0.5, 0), value("4", "x", "10", null, 10), value("5", "x", "10", null, 300));
        assertThat(a.getPAliveClassified()).isEqualTo(3);
        assertThat(a.getPAliveChurned()).isEqualTo(1);
        // As the histogram would count them as of day 400 with 365 days: day 10 churned, day 300 not.
        a.setDaysClassified(2);
        a.setDaysChurned(1);
        assertThat(SegmentFigures.churnRate(a)).isEqualTo(2 / 5.0);
    }

    @Test
    void noPurchaseDaysLeavesEveryCustomerToTheDays() {
        final SegmentsConfig config = SegmentsConfig.from(Map.of("clv.segments.churn", "no-purchase-days"));
        final SegmentAggregate a = sum(new SegmentMembers(config), value("1", "x", "10", 0.01, 399), value("2", "x", "10", 0.99, 35));
        assertThat(a.getPAliveClassified()).isZero();
        a.setDaysClassified(4);
        a.setDaysChurned(2);
        assertThat(SegmentFigures.churnRate(a)).isEqualTo(0.5);
        assertThat(SegmentFigures.stats("x", a, null, null).getAverageLifespanYears()).isEqualTo(2.0);
    }

    @Test
    void aPurchaseExactlyChurnDaysBeforeTheAsOfDayIsChurned() {
        final long day400 = T0.plus(Duration.ofDays(400)).plusSeconds(3600).toEpochMilli();
        final int cutoff = SegmentArithmetic.churnCutoffDay(day400, 365);
        final int day35 = (int) T0.plus(Duration.ofDays(35)).getEpochSecond() / 86_400;
        assertThat(day35).isLessThan(cutoff);
        assertThat(day35 + 1).isEqualTo(cutoff);
    }

    @Test
    void subtractingWhatWasAddedRestoresTheAggregateExactly() {
        final SegmentMembers members = new SegmentMembers(SegmentsConfig.defaults());
        final SegmentMember one = members.of(value("1", "x", "10.01", 0.3, 3));
        final SegmentMember two = members.of(value("2", null, "0.07", null, 7));
        final SegmentAggregate base = sum(members, value("0", "x", "99.99", null, 1));
        final SegmentAggregate moved = SegmentAggregate.newBuilder(base).build();
        SegmentArithmetic.addTo(moved, one);
        SegmentArithmetic.addTo(moved, two);
        assertThat(moved.getCustomers()).isEqualTo(3);
        SegmentArithmetic.subtractFrom(moved, two);
        SegmentArithmetic.subtractFrom(moved, one);
        assertThat(moved).isEqualTo(base);
        assertThat(moved.getCustomers()).isEqualTo(1);
        assertThat(two.getSegment()).isEqualTo(SegmentMembers.UNKNOWN);
    }

    @Test
    void replacingAMemberLeavesWhatSummingTheNewMembersGives() {
        final SegmentMembers members = new SegmentMembers(SegmentsConfig.defaults());
        final SegmentMember before = members.of(value("1", "x", "10.01", 0.3, 3));
        final SegmentMember after = members.of(value("1", "x", "25.50", 0.9, 9));
        final SegmentAggregate sums = sum(members, value("0", "x", "99.99", null, 1), value("1", "x", "10.01", 0.3, 3));

        SegmentArithmetic.subtractFrom(sums, before);
        SegmentArithmetic.addTo(sums, after);

        assertThat(sums).isEqualTo(sum(members, value("0", "x", "99.99", null, 1), value("1", "x", "25.50", 0.9, 9)));
        assertThat(sums.getNetCents()).isEqualTo(9_999 + 2_550);
    }

    @Test
    void movingAMemberKeepsAnAsOfTimeBeforeNineteenSeventy() {
        final SegmentMembers members = new SegmentMembers(SegmentsConfig.defaults());
        final SegmentMember early = SegmentMember.newBuilder(members.of(value("1", "x", "10.01", 0.3, 3)))
            .setUpdatedAt(-86_400_000L * 400).build();
        final SegmentAggregate sums = SegmentAggregate.newBuilder(SegmentArithmetic.empty()).setAsOf(-86_400_000L * 365).build();

        SegmentArithmetic.addTo(sums, early);
        assertThat(sums.getAsOf()).isEqualTo(-86_400_000L * 365);
        SegmentArithmetic.subtractFrom(sums, early);
        assertThat(sums.getAsOf()).isEqualTo(-86_400_000L * 365);
    }

    @Test
    void partitionSumsAddUpToTheSumOfAllTheirMembers() {
        final SegmentMembers members = new SegmentMembers(SegmentsConfig.defaults());
        final CustomerValue[] values = {value("1", "x", "10.01", 0.3, 3), value("2", "x", "5.50", null, 7),
            value("3", "x", "0.07", 0.9, 9)};
        final SegmentAggregate left = sum(members, values[0]);
        final SegmentAggregate right = sum(members, values[1], values[2]);
        left.setDaysClassified(1);
        right.setDaysClassified(2);
        right.setDaysChurned(1);
        final SegmentAggregate expected = sum(members, values);
        expected.setDaysClassified(3);
        expected.setDaysChurned(1);
        assertThat(SegmentArithmetic.plus(left, right)).isEqualTo(expected);
    }

    @Test
    void aSignupAloneIsNoMemberAndStarIsReserved() {
        final SegmentMembers members = new SegmentMembers(SegmentsConfig.defaults());
        final CustomerValue signupOnly = CustomerValue.newBuilder(value("1", "vip", "0", null, 0))
            .setFirstPurchaseAt(null).setLastPurchaseAt(null).setOrders(0).build();
        assertThat(members.of(signupOnly)).isNull();
        assertThat(SegmentMembers.segmentOf("*")).isEqualTo(SegmentMembers.UNKNOWN);
        assertThat(SegmentMembers.segmentOf(" vip ")).isEqualTo("vip");
    }

    @Test
    void emptySegmentHasNoAveragesAndNoRates() {
        final SegmentStats stats = SegmentFigures.stats("x", SegmentArithmetic.empty(), null, 5.0);
        assertThat(stats.getCustomers()).isZero();
        assertThat(stats.getRepeatCustomerRate()).isZero();
        assertThat(stats.getAverageOrderValue()).isNull();
        assertThat(stats.getChurnRate()).isNull();
        assertThat(stats.getAverageLifespanYears()).isNull();
        assertThat(stats.getPurchaseFrequency()).isNull();
        assertThat(stats.getLtvToCac()).isNull();
        assertThat(stats.getTopPercentThreshold()).isNull();
    }

    @Test
    void configDefaultsAndValidation() {
        final SegmentsConfig defaults = SegmentsConfig.defaults();
        assertThat(defaults.churn()).isEqualTo(SegmentsConfig.ChurnDefinition.P_ALIVE);
        assertThat(defaults.pAliveThreshold()).isEqualTo(0.5);
        assertThat(defaults.churnDays()).isEqualTo(365);
        assertThat(defaults.sketchInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.sketchK()).isEqualTo(200);
        assertThat(defaults.publishInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.topPercent()).isNull();
        assertThat(SegmentsConfig.from(Map.of("clv.alert.high-value.top-percent", "5")).topPercent()).isEqualTo(5.0);
        assertThatThrownBy(() -> SegmentsConfig.from(Map.of("clv.alert.high-value.top-percent", "0")))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SegmentsConfig.from(Map.of("clv.alert.high-value.top-percent", "5",
            "clv.alert.high-value.metric", "NET_SPEND_12M"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SegmentsConfig.from(Map.of("clv.segments.churn.p-alive-threshold", "1.5")))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SegmentsConfig.from(Map.of("clv.segments.churn", "sometimes")))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
