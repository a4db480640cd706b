package io.clvstream.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.clvstream.avro.internal.SegmentAggregate;
import io.clvstream.avro.internal.SegmentMember;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The running shares against shares built afresh from the members that are left, a start's route. */
class SegmentSharesTest {

    private static final String[] SEGMENTS = {"retail", "wholesale", "unknown"};

    private static SegmentMember member(Random random) {
        final long net = 100 + random.nextInt(100_000);
        return SegmentMember.newBuilder()
            .setSegment(SEGMENTS[random.nextInt(SEGMENTS.length)])
            .setOrders(1 + random.nextInt(20))
            .setRepeatCustomer(random.nextBoolean())
            .setNetCents(net)
            .setHistoricCents(net)
            .setPredictedCents(random.nextBoolean() ? null : (long) random.nextInt(500_000))
            .setFirstPurchaseSeconds(1_700_000_000L + random.nextInt(1_000_000))
            .setLastPurchaseDay(19_700 + random.nextInt(400))
            .setPAliveChurned(random.nextInt(3) == 0 ? random.nextBoolean() : null)
            .setUpdatedAt(1_735_689_600_000L + random.nextInt(1_000_000))
            .build();
    }

    @Test
    void joinsMovesAndLeavesEndWhereAFreshScanOfTheRemainingMembersStarts() {
        final Random random = new Random(7);
        final Map<Integer, SegmentMember> current = new HashMap<>();
        final SegmentShares running = new SegmentShares();
        for (int step = 0; step < 20_000; step++) {
            final int customer = random.nextInt(500);
            final SegmentMember before = current.get(customer);
            final SegmentMember after = random.nextInt(10) == 0 ? null : member(random);
            running.move(before, after);
            if (after == null) {
                current.remove(customer);
            } else {
                current.put(customer, after);
            }
        }
        final SegmentShares scanned = new SegmentShares();
        current.values().forEach(scanned::add);
        scanned.add(null); // a customer state without a member, as a start's scan finds signed-up-only customers

        assertThat(scanned.members()).isEqualTo(current.size());
        for (final String segment : SEGMENTS) {
            final SegmentAggregate expected = scanned.segment(segment);
            final SegmentAggregate actual = running.segment(segment);
            assertThat(actual.getCustomers()).as(segment).isEqualTo(expected.getCustomers()).isPositive();
            assertThat(actual.getNetCents()).as(segment).isEqualTo(expected.getNetCents());
            assertThat(actual.getOrders()).as(segment).isEqualTo(expected.getOrders());
            // Every sum alike; the as-of time only ever advances, so it may remember a member that left.
            assertThat(SegmentAggregate.newBuilder(actual).setAsOf(0).build()).as(segment)
                .isEqualTo(SegmentAggregate.newBuilder(expected).setAsOf(0).build());
            assertThat(actual.getAsOf()).as(segment).isGreaterThanOrEqualTo(expected.getAsOf());
            for (final int cutoff : new int[] {19_700, 19_900, 20_100}) {
                assertThat(running.dayCounts(segment, cutoff)).as(segment + " at " + cutoff)
                    .isEqualTo(scanned.dayCounts(segment, cutoff));
            }
        }
        // Independently of both: the customers and net cents of one segment summed from the members left.
        final long retailNet = current.values().stream().filter(m -> m.getSegment().equals("retail"))
            .mapToLong(SegmentMember::getNetCents).sum();
        final long retailDaysDecided = current.values().stream()
            .filter(m -> m.getSegment().equals("retail") && m.getPAliveChurned() == null).count();
        assertThat(running.segment("retail").getNetCents()).isEqualTo(retailNet);
        assertThat(running.dayCounts("retail", 0).classified()).isEqualTo(retailDaysDecided);
    }
}
