package io.clvstream.fault;

import io.clvstream.avro.Alert;
import io.clvstream.avro.CustomerValue;
import io.clvstream.avro.SegmentStats;
import io.clvstream.avro.TierChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Computes what every customer must look like from the generated events alone (no project
 * topology or customer code: DESIGN.md and docs/customer-topology.md are the spec) and compares it
 * with what the application published.
 *
 * <p>Expected, per customer: orders = distinct order ids; net revenue = their amounts minus the
 * distinct refunds; repeat = purchases on two or more UTC days; segment = the last signup read;
 * tier = the highest rung of the suite's ladder that the lifetime net spend reaches (the suite runs
 * with a zero downgrade grace, so the final tier follows the final spend), none without purchases.
 */
final class IndependentChecker {

    /** Ladder the suite configures, lowest first: name and threshold in cents. */
    static final String TIERS = "bronze:0,silver:500,gold:2000,platinum:10000";
    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    record Expected(int orders, long netCents, boolean repeat, String segment, String tier) {
    }

    record Result(int customers, int mismatches, int missing, int unexpected, int duplicatedValues,
                  int duplicatedTierChanges, int brokenTierChains, int duplicatedAlerts, int segments,
                  int segmentMismatches, List<String> examples) {

        int problems() {
            return mismatches + missing + unexpected + duplicatedValues + duplicatedTierChanges + brokenTierChains
                + duplicatedAlerts + segmentMismatches;
        }
    }

    /** What a segment's latest statistics must count: purchasing customers, their orders and net revenue. */
    record SegmentTotals(long customers, long orders, long netCents) {

        SegmentTotals plus(Expected customer) {
            return new SegmentTotals(customers + 1, orders + customer.orders(), netCents + customer.netCents());
        }
    }

    private final Map<String, Expected> expected = new TreeMap<>();

    IndependentChecker(List<GeneratedEvent> events) {
        final Map<String, Set<String>> orders = new HashMap<>();
        final Map<String, Set<Long>> days = new HashMap<>();
        final Map<String, Long> net = new HashMap<>();
        final Map<String, String> segment = new HashMap<>();
        final Set<String> customers = new HashSet<>();
        final Set<String> seen = new HashSet<>();
        for (final GeneratedEvent e : events) {
            customers.add(e.customerId());
            if (e.kind() == GeneratedEvent.Kind.SIGNUP) {
                // A repeated signup replaces the acquisition data; signups of one customer are read in order.
                segment.put(e.customerId(), e.segment());
                continue;
            }
            if (!seen.add(e.kind() + "/" + e.id())) {
                continue;
            }
            if (e.kind() == GeneratedEvent.Kind.PURCHASE) {
                orders.computeIfAbsent(e.customerId(), c -> new HashSet<>()).add(e.id());
                days.computeIfAbsent(e.customerId(), c -> new HashSet<>()).add(Math.floorDiv(e.occurredAt(), DAY_MS));
                net.merge(e.customerId(), e.cents(), Long::sum);
            } else {
                net.merge(e.customerId(), -e.cents(), Long::sum);
            }
        }
        for (final String c : customers) {
            final int n = orders.getOrDefault(c, Set.of()).size();
            final long cents = net.getOrDefault(c, 0L);
            expected.put(c, new Expected(n, cents, days.getOrDefault(c, Set.of()).size() >= 2, segment.get(c),
                n == 0 ? null : tier(cents)));
        }
    }

    Map<String, Expected> expected() {
        return expected;
    }

    static String tier(long netCents) {
        String tier = null;
        for (final String rung : TIERS.split(",")) {
            final String[] parts = rung.split(":");
            if (tier == null || netCents >= Long.parseLong(parts[1]) * 100) {
                tier = parts[0];
            }
        }
        return tier;
    }

    /**
     * Compares the published records (topic order per key) with the expectation; {@code segmentStats} in topic
     * order, so the last record of a segment is its latest.
     */
    Result check(List<CustomerValue> values, List<TierChange> tierChanges, List<Alert> alerts,
                 List<SegmentStats> segmentStats) {
        final List<String> examples = new ArrayList<>();
        final Map<String, CustomerValue> latest = new HashMap<>();
        final Set<String> causes = new HashSet<>();
        int duplicatedValues = 0;
        for (final CustomerValue v : values) {
            latest.put(v.getCustomerId(), v);
            // Every purchase or refund changes a customer once. Signups may repeat legitimately (a new signup
            // replaces the acquisition data under the same id) and so may "time" re-evaluations.
            if (!"TIME".equals(v.getCause().getType()) && !"SIGNUP".equals(v.getCause().getType())
                && !causes.add(v.getCustomerId() + "/" + v.getCause().getType() + "/" + v.getCause().getId())) {
                duplicatedValues++;
                note(examples, "duplicated value for " + v.getCustomerId() + " caused by " + v.getCause().getId());
            }
        }
        int mismatches = 0;
        int missing = 0;
        for (final Map.Entry<String, Expected> entry : expected.entrySet()) {
            final CustomerValue v = latest.remove(entry.getKey());
            if (v == null) {
                missing++;
                note(examples, "no value for " + entry.getKey());
                continue;
            }
            final Expected want = entry.getValue();
            final Expected got = new Expected(v.getOrders(), v.getNetRevenue().movePointRight(2).longValueExact(),
                v.getRepeatCustomer(), v.getSegment(), v.getTier());
            if (!want.equals(got)) {
                mismatches++;
                note(examples, "mismatch " + entry.getKey() + ": expected " + want + ", published " + got);
            }
        }
        final int unexpected = latest.size();
        latest.keySet().stream().limit(3).forEach(c -> note(examples, "value for a customer never generated: " + c));

        final Set<String> changeContents = new HashSet<>();
        final Map<String, String> chainEnd = new HashMap<>();
        int duplicatedTierChanges = 0;
        int brokenChains = 0;
        for (final TierChange t : tierChanges) {
            if (!changeContents.add(t.toString())) {
                duplicatedTierChanges++;
                note(examples, "duplicated tier change " + t.getCustomerId() + " " + t.getFromTier() + "->" + t.getToTier());
            }
            if (!Objects.equals(t.getFromTier(), chainEnd.get(t.getCustomerId()))) {
                brokenChains++;
                note(examples, "tier change " + t.getFromTier() + "->" + t.getToTier() + " for " + t.getCustomerId()
                    + " after " + chainEnd.get(t.getCustomerId()));
            }
            chainEnd.put(t.getCustomerId(), t.getToTier());
        }
        for (final Map.Entry<String, Expected> entry : expected.entrySet()) {
            if (!Objects.equals(chainEnd.get(entry.getKey()), entry.getValue().tier())) {
                brokenChains++;
                note(examples, "chain-end of " + entry.getKey() + " end at " + chainEnd.get(entry.getKey())
                    + ", expected " + entry.getValue().tier());
            }
        }
        final Set<String> alertContents = new HashSet<>();
        int duplicatedAlerts = 0;
        for (final Alert a : alerts) {
            if (!alertContents.add(a.toString())) {
                duplicatedAlerts++;
                note(examples, "duplicated alert " + a.getCustomerId() + " " + a.getType());
            }
        }
        final Map<String, SegmentTotals> segments = segmentTotals();
        final Map<String, SegmentStats> published = new HashMap<>();
        segmentStats.forEach(stats -> published.put(stats.getSegment(), stats));
        int segmentMismatches = 0;
        for (final Map.Entry<String, SegmentTotals> entry : segments.entrySet()) {
            final SegmentStats stats = published.get(entry.getKey());
            final SegmentTotals got = stats == null ? null : new SegmentTotals(stats.getCustomers(), stats.getOrders(),
                stats.getNetRevenue().movePointRight(2).longValueExact());
            if (!entry.getValue().equals(got)) {
                segmentMismatches++;
                note(examples, "segment " + entry.getKey() + ": expected " + entry.getValue() + ", published " + got);
            }
        }
        return new Result(expected.size(), mismatches, missing, unexpected, duplicatedValues, duplicatedTierChanges,
            brokenChains, duplicatedAlerts, segments.size(), segmentMismatches, examples);
    }

    /** Per segment (the signup's, "unknown" without one) and for the whole base "*", over purchasing customers. */
    private Map<String, SegmentTotals> segmentTotals() {
        final Map<String, SegmentTotals> totals = new TreeMap<>();
        for (final Expected customer : expected.values()) {
            if (customer.orders() == 0) {
                continue;
            }
            final String segment = customer.segment() == null ? "unknown" : customer.segment();
            totals.put(segment, totals.getOrDefault(segment, new SegmentTotals(0, 0, 0)).plus(customer));
            totals.put("*", totals.getOrDefault("*", new SegmentTotals(0, 0, 0)).plus(customer));
        }
        return totals;
    }

    /** Up to three examples of each kind of problem (kinds told apart by their first word). */
    private static void note(List<String> examples, String line) {
        final String kind = line.split(" ")[0];
        if (examples.stream().filter(e -> e.split(" ")[0].equals(kind)).count() < 3) {
            examples.add(line);
        }
    }
}
