package io.clvstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.clvstream.avro.Alert;
import io.clvstream.avro.CustomerValue;
import io.clvstream.avro.TierChange;
import io.clvstream.avro.internal.CustomerState;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.Test;

/**
 * Keeping customer states decoded between events changes no output: the same fuzzed stream (valid events,
 * duplicates, refunds beyond their order and undecodable records) through a topology that decodes every read
 * and through one whose cache of 7 states keeps evicting gives the same records and the same stored states.
 */
class DecodedStatesTest {

    static final Instant CLOCK = Instant.parse("2026-01-02T00:00:00Z");
    static final int RECORDS = 4_000;

    record Outputs(List<CustomerValue> values, List<TierChange> tierChanges, List<Alert> alerts, List<String> deadLetters,
                   Map<String, CustomerState> states) {
    }

    @Test
    void aSmallEvictingCacheGivesExactlyWhatDecodingEveryReadGives() {
        final long seed = 20261123L;
        final Outputs decodingEveryRead = run(seed, "0");
        final Outputs evicting = run(seed, "7");

        assertThat(decodingEveryRead.values().size()).as("valid records").isGreaterThan(RECORDS / 5);
        assertThat(decodingEveryRead.deadLetters()).anyMatch(letter -> letter.endsWith("REFUND_EXCEEDS_ORDER"));
        assertThat(evicting.values()).isEqualTo(decodingEveryRead.values());
        assertThat(evicting.tierChanges()).isEqualTo(decodingEveryRead.tierChanges());
        assertThat(evicting.alerts()).isEqualTo(decodingEveryRead.alerts());
        assertThat(evicting.deadLetters()).isEqualTo(decodingEveryRead.deadLetters());
        assertThat(evicting.states()).isEqualTo(decodingEveryRead.states());
    }

    private static Outputs run(long seed, String decodedCustomers) {
        try (TopologyFixture f = new TopologyFixture(CLOCK, Map.of("clv.currency.rates", "EUR:2",
                StateStores.DECODED_CUSTOMERS, decodedCustomers))) {
            final FuzzInput input = new FuzzInput(new SplittableRandom(seed), f.serdes, f.topics, CLOCK);
            final FuzzExpectation expected = new FuzzExpectation();
            final Map<String, TestInputTopic<byte[], byte[]>> raw = new HashMap<>();
            for (int i = 0; i < RECORDS; i++) {
                final FuzzInput.Item item = input.next(expected);
                raw.computeIfAbsent(item.topic(), f::raw).pipeInput(item.key(), item.value(), Instant.ofEpochMilli(item.timestamp()));
                if (item.expectedCode() == null) {
                    expected.apply(item.event());
                }
            }
            final Map<String, CustomerState> states = new TreeMap<>();
            expected.customers().forEach(customer -> states.put(customer, f.state(customer)));
            return new Outputs(f.values.readValuesToList(), f.tierChanges.readValuesToList(), f.alerts.readValuesToList(),
                f.deadLetters.readValuesToList().stream()
                    .map(letter -> letter.getSourceTopic() + "@" + letter.getOffset() + " " + letter.getReasonCode()).toList(),
                states);
        }
    }
}
