package io.clvstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.clvstream.avro.CustomerValue;
import io.clvstream.avro.DeadLetter;
import io.clvstream.avro.internal.CustomerEventType;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.Test;

/**
 * Feeds more than 10,000 malformed records to every input topic, interleaved with valid ones, and
 * checks the dead-letter contract: each bad record is one dead letter naming its topic, offset and
 * reason; each valid record is one customer-value update that matches {@link FuzzExpectation}'s
 * independent bookkeeping; input = processed + dead-lettered, exactly.
 *
 * <p>Seeded: {@code -Dfuzz.seed=N} replays a run; a failure names its seed.
 */
class FuzzedInputTest {

    static final Instant CLOCK = Instant.parse("2026-01-02T00:00:00Z");
    static final int BAD_RECORDS = 10_500;

    @Test
    void everyBadRecordIsDeadLetteredAndEveryGoodOneCounted() {
        final long seed = Long.getLong("fuzz.seed", System.nanoTime());
        try {
            run(seed);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("Fuzz run failed; replay with -Dfuzz.seed=" + seed + ": " + e.getMessage(), e);
        }
    }

    private void run(long seed) {
        try (TopologyFixture f = new TopologyFixture(CLOCK, Map.of("clv.currency.rates", "EUR:2"))) {
            final FuzzInput input = new FuzzInput(new SplittableRandom(seed), f.serdes, f.topics, CLOCK);
            final Map<String, TestInputTopic<byte[], byte[]>> raw = new HashMap<>();
            final Map<String, Long> nextOffset = new HashMap<>();
            final Map<String, FuzzInput.Item> badByOrigin = new HashMap<>();
            final FuzzExpectation expected = new FuzzExpectation();
            int bad = 0;
            int good = 0;
            while (bad < BAD_RECORDS) {
                final FuzzInput.Item item = input.next(expected);
                final TestInputTopic<byte[], byte[]> topic = raw.computeIfAbsent(item.topic(), f::raw);
                final long offset = nextOffset.merge(item.topic(), 1L, Long::sum) - 1;
                // No exception may escape the topology, whatever the bytes.
                topic.pipeInput(item.key(), item.value(), Instant.ofEpochMilli(item.timestamp()));
                if (item.expectedCode() != null) {
                    badByOrigin.put(item.topic() + "@" + offset, item);
                    bad++;
                } else {
                    expected.apply(item.event());
                    good++;
                }
            }

            final List<DeadLetter> letters = f.deadLetters.readValuesToList();
            final Map<String, Long> codes = new TreeMap<>();
            for (final DeadLetter letter : letters) {
                final String origin = letter.getSourceTopic() + "@" + letter.getOffset();
                final FuzzInput.Item item = badByOrigin.remove(origin);
                assertThat(item).as("dead letter for a record that was not bad (or twice): %s %s", origin, letter).isNotNull();
                assertThat(letter.getReasonCode()).as("%s %s", origin, item.description()).isEqualTo(item.expectedCode());
                assertThat(letter.getPartition()).isZero();
                assertThat(letter.getReason()).isNotBlank();
                assertThat(letter.getErrorClass()).isNotBlank();
                assertThat(letter.getValue()).isEqualTo(item.value() == null ? null : ByteBuffer.wrap(item.value()));
                assertThat(letter.getKey()).isEqualTo(item.key() == null ? null : ByteBuffer.wrap(item.key()));
                codes.merge(letter.getReasonCode(), 1L, Long::sum);
            }
            assertThat(badByOrigin).as("bad records without a dead letter").isEmpty();

            final List<CustomerValue> values = f.values.readValuesToList();
            assertThat(values).as("one customer value per valid record").hasSize(good);
            assertThat(letters.size() + values.size()).as("input = processed + dead-lettered").isEqualTo(bad + good);
            assertThat(f.deadLetterCounter.total()).isEqualTo(bad);
            assertThat(f.deadLetterCounter.snapshot()).isEqualTo(codes);
            assertThat(codes.keySet()).as("every kind of bad input was tried").containsAll(FuzzInput.ALL_CODES);

            final Map<String, CustomerValue> latest = new HashMap<>();
            values.forEach(value -> latest.put(value.getCustomerId(), value));
            assertThat(latest.keySet()).isEqualTo(expected.customers());
            latest.forEach((customer, value) -> {
                final FuzzExpectation.Customer want = expected.customer(customer);
                assertThat(value.getOrders()).as("orders of %s", customer).isEqualTo(want.orders());
                assertThat(value.getNetRevenue().movePointRight(2).longValueExact()).as("net of %s", customer)
                    .isEqualTo(want.netCents());
                assertThat(value.getRepeatCustomer()).as("repeat flag of %s", customer).isEqualTo(want.repeat());
                assertThat(value.getSegment()).as("segment of %s", customer).isEqualTo(want.segment());
            });
            assertThat(values.stream().filter(v -> v.getCause().getType().equals(CustomerEventType.REFUND.name())))
                .as("refunds were among the valid records").isNotEmpty();
            System.out.printf("fuzz seed=%d: %d bad (%s), %d valid, %d customers%n", seed, bad, codes, good, latest.size());
        }
    }
}
