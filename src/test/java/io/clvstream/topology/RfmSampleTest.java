package io.clvstream.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clvstream.avro.internal.RfmSampleEntry;
import io.clvstream.avro.internal.RfmSummary;
import io.clvstream.customer.UtcCalendar;
import io.clvstream.serde.InternalAvroSerde;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.Test;

/** The bottom-k sample published to the fitter, checked against a selection made here from the id hashes. */
class RfmSampleTest {

    private static final Instant END = Instant.parse("2024-06-30T00:00:00Z");
    private static final int K = 10;

    @Test
    void theSampleIsTheBottomKOfThePurchasersAndIsRebuiltFromTheStates() {
        try (TopologyFixture f = fixture()) {
            final TestOutputTopic<String, RfmSummary> summaries = summaries(f);
            final List<String> purchasers = new ArrayList<>();
            for (int c = 0; c < 60; c++) {
                final String id = "c-" + c;
                f.signup(id, END.minus(Duration.ofDays(200)), "retail", null);
                if (c % 3 == 0) {
                    continue; // signed up, never bought: not a purchaser
                }
                purchasers.add(id);
                f.buy(id, id + "-1", END.minus(Duration.ofDays(100 + c)), "20.00");
                if (c % 2 == 0) {
                    f.buy(id, id + "-2", END.minus(Duration.ofDays(10 + c)), "30.00");
                }
                if (c % 10 == 1) {
                    // Its only order refunded: stays a purchaser (a member if its hash is small) but has nothing to fit.
                    f.refund(id, id + "-r", id + "-1", END.minus(Duration.ofDays(90)), "20.00");
                }
            }
            f.driver.advanceWallClockTime(Duration.ofMinutes(1));

            final List<String> bottomK = purchasers.stream()
                .sorted(Comparator.comparing(RfmSampleTest::unsignedHash, Long::compareUnsigned)).limit(K).toList();
            final List<RfmSampleEntry> expected = bottomK.stream()
                .map(id -> Integer.parseInt(id.substring(2)))
                .filter(c -> c % 10 != 1)
                .map(RfmSampleTest::expectedEntry)
                .toList();
            final RfmSummary published = last(summaries.readValuesToList());
            assertThat(published.getSampleSize()).isEqualTo(K);
            assertThat(published.getEntries()).containsExactlyElementsOf(expected);
            // KMV: (k - 1) / h_k customers in all, k of them sampled.
            final double largest = (Double.parseDouble(Long.toUnsignedString(unsignedHash(bottomK.get(K - 1)))) + 1.0) / 0x1p64;
            assertThat(published.getWeight()).isCloseTo((K - 1) / largest / K, within(1e-9));

            // A task that starts again (restore, revival, another instance) finds the same sample in the states.
            final RfmSample rebuilt = new RfmSample(K);
            rebuilt.init(f.driver.getKeyValueStore(ClvTopology.CUSTOMER_STATE_STORE));
            final RfmSummary again = rebuilt.summary(published.getSourcePartition(), published.getAsOf());
            assertThat(again).isEqualTo(published);
        }
    }

    @Test
    void aFirstPurchaseDisplacesTheLargestHashAndLaterEventsChangeOnlyTheFigures() {
        try (TopologyFixture f = fixture()) {
            final TestOutputTopic<String, RfmSummary> summaries = summaries(f);
            final List<String> ids = IntStream.range(0, 40).mapToObj(c -> "d-" + c)
                .sorted(Comparator.comparing(RfmSampleTest::unsignedHash, Long::compareUnsigned)).toList();
            // The ten largest hashes fill the sample; then the ten smallest arrive and push every one of them out.
            for (final String id : ids.subList(30, 40)) {
                f.buy(id, id + "-1", END.minus(Duration.ofDays(50)), "10.00");
            }
            for (final String id : ids.subList(0, 10)) {
                f.buy(id, id + "-1", END.minus(Duration.ofDays(40)), "10.00");
            }
            // A displaced customer's next purchase does not bring it back; a member's changes its entry.
            f.buy(ids.get(35), ids.get(35) + "-2", END.minus(Duration.ofDays(5)), "10.00");
            f.buy(ids.get(0), ids.get(0) + "-2", END.minus(Duration.ofDays(4)), "15.00");
            f.driver.advanceWallClockTime(Duration.ofMinutes(1));

            final RfmSummary published = last(summaries.readValuesToList());
            final int day40 = UtcCalendar.day(END.minus(Duration.ofDays(40)).toEpochMilli());
            final List<RfmSampleEntry> expected = new ArrayList<>();
            for (final String id : ids.subList(0, 10)) {
                expected.add(id.equals(ids.get(0))
                    ? new RfmSampleEntry(1, day40, 36, 1500L, true)
                    : new RfmSampleEntry(0, day40, 0, 0L, true));
            }
            assertThat(published.getEntries()).containsExactlyElementsOf(expected);
        }
    }

    /** A sample of K per task, published every minute. */
    private static TopologyFixture fixture() {
        return new TopologyFixture(END, Map.of("clv.model.summary-interval", "PT1M",
            "clv.model.summary.sample-size", Integer.toString(K)));
    }

    /** What the customer task sends the fitter. */
    private static TestOutputTopic<String, RfmSummary> summaries(TopologyFixture f) {
        return f.driver.createOutputTopic("clv-test-" + ClvTopology.RFM_SUMMARIES_REPARTITION + "-repartition",
            new StringDeserializer(), new InternalAvroSerde<>(RfmSummary.class).deserializer());
    }

    /** c bought 20.00 at END − (100 + c) days, and for even c 30.00 at END − (10 + c) days. */
    private static RfmSampleEntry expectedEntry(int c) {
        final int first = UtcCalendar.day(END.minus(Duration.ofDays(100 + c)).toEpochMilli());
        return c % 2 == 0 ? new RfmSampleEntry(1, first, 90, 3000L, true) : new RfmSampleEntry(0, first, 0, 0L, true);
    }

    /** The sample's order, computed here from the digest itself: the first 8 bytes of the id's SHA-256. */
    private static long unsignedHash(String id) {
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8))).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static RfmSummary last(List<RfmSummary> all) {
        assertThat(all).isNotEmpty();
        return all.get(all.size() - 1);
    }
}
