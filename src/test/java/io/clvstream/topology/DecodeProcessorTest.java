package io.clvstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.clvstream.avro.DeadLetter;
import io.clvstream.avro.internal.CustomerEvent;
import io.clvstream.avro.internal.CustomerEventType;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** The one decoder of the input topics: each record through its own topic's input, anything else dead-lettered. */
class DecodeProcessorTest {

    private static final Deserializer<String> TEXT = (topic, bytes) -> new String(bytes, StandardCharsets.UTF_8);

    private static DecodeProcessor.Input<String> input(CustomerEventType type) {
        return new DecodeProcessor.Input<>(TEXT, (text, origin, now) -> CustomerEvent.newBuilder().setType(type)
            .setCustomerId(text).setEventId(origin.getTopic() + "@" + origin.getOffset()).setOccurredAt(now)
            .setOrigin(origin).build());
    }

    private static Record<byte[], byte[]> record(String key, String value) {
        return new Record<>(key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8), 1_000L);
    }

    @Test
    void eachRecordIsDecodedByItsTopicsInputAndAnUnknownTopicBecomesADeadLetter() {
        final DeadLetterCounter counter = new DeadLetterCounter();
        final DecodeProcessor processor = new DecodeProcessor(
            Map.of("purchases", input(CustomerEventType.PURCHASE), "signups", input(CustomerEventType.SIGNUP)), counter);
        final MockProcessorContext<String, SpecificRecord> context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(2_000L);
        processor.init(context);

        context.setRecordMetadata("signups", 2, 7L);
        processor.process(record("c1", "c1"));
        context.setRecordMetadata("purchases", 0, 3L);
        processor.process(record("c2", "c2"));
        context.setRecordMetadata("elsewhere", 1, 9L);
        processor.process(record("c3", "c3"));

        assertThat(context.forwarded()).hasSize(3);
        assertThat(context.forwarded()).extracting(forwarded -> forwarded.childName().orElseThrow())
            .containsExactly(ClvTopology.EVENTS_MERGE, ClvTopology.EVENTS_MERGE, ClvTopology.DECODE_DEAD_LETTER_SINK);
        final CustomerEvent signup = (CustomerEvent) context.forwarded().get(0).record().value();
        assertThat(signup.getType()).isEqualTo(CustomerEventType.SIGNUP);
        assertThat(signup.getEventId()).isEqualTo("signups@7");
        final CustomerEvent purchase = (CustomerEvent) context.forwarded().get(1).record().value();
        assertThat(purchase.getType()).isEqualTo(CustomerEventType.PURCHASE);
        assertThat(context.forwarded().get(1).record().key()).isEqualTo("c2");
        final DeadLetter letter = (DeadLetter) context.forwarded().get(2).record().value();
        assertThat(letter.getSourceTopic()).isEqualTo("elsewhere");
        assertThat(letter.getOffset()).isEqualTo(9L);
        assertThat(letter.getReasonCode()).isEqualTo("UNREADABLE");
        assertThat(letter.getReason()).contains("No decoder for topic elsewhere");
        assertThat(counter.count("UNREADABLE")).isEqualTo(1);
    }

    @Test
    void anEventWhoseKeyIsNotItsCustomerIdGoesToTheRepartitionAndOnlyThere() {
        final DecodeProcessor processor = new DecodeProcessor(Map.of("purchases", input(CustomerEventType.PURCHASE)),
            new DeadLetterCounter());
        final MockProcessorContext<String, SpecificRecord> context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(2_000L);
        processor.init(context);
        context.setRecordMetadata("purchases", 0, 1L);
        // The input decodes the value as the customer id: key "other" is not it, a null key is not either.
        processor.process(record("other", "c1"));
        processor.process(new Record<>(null, "c2".getBytes(StandardCharsets.UTF_8), 1_000L));
        processor.process(record("c3", "c3"));

        assertThat(context.forwarded()).extracting(forwarded -> forwarded.childName().orElseThrow())
            .containsExactly(ClvTopology.KEY_BY_CUSTOMER, ClvTopology.KEY_BY_CUSTOMER, ClvTopology.EVENTS_MERGE);
        assertThat(context.forwarded().stream().map(forwarded -> (Object) forwarded.record().key()).toList())
            .containsExactly("other", null, "c3");
    }
}
