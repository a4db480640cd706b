package io.clvstream.fault;

import io.clvstream.avro.CustomerSignup;
import io.clvstream.avro.Purchase;
import io.clvstream.avro.Refund;
import io.clvstream.config.TopicNames;
import io.clvstream.serde.ClvSerdes;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A known, seeded stream of signups, purchases and refunds with duplicates and out-of-order event
 * times. Refunds are partial (their sum stays below the order), so the outcome does not depend on
 * whether a refund is read before or after its order on another topic; the checker relies on that.
 */
final class EventGenerator {

    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    private final SplittableRandom random;
    private final int customers;
    private final long now;
    private final List<GeneratedEvent> events = new ArrayList<>();
    private final Map<String, long[]> refundableByOrder = new HashMap<>();
    private final List<String> orderIds = new ArrayList<>();
    private final Map<String, String> orderOwner = new HashMap<>();

    EventGenerator(long seed, int eventCount, Instant now) {
        this.random = new SplittableRandom(seed);
        this.customers = Math.max(10, eventCount / 20);
        this.now = now.toEpochMilli();
        generate(eventCount);
    }

    List<GeneratedEvent> events() {
        return events;
    }

    private void generate(int count) {
        long ids = 0;
        while (events.size() < count) {
            final int dice = random.nextInt(100);
            if (dice < 8 && !events.isEmpty()) {
                // A producer retry or a replay: an earlier event, byte for byte.
                final GeneratedEvent earlier = events.get(random.nextInt(events.size()));
                events.add(new GeneratedEvent(earlier.kind(), earlier.customerId(), earlier.id(), earlier.orderId(),
                    earlier.cents(), earlier.occurredAt(), earlier.segment(), true));
            } else if (dice < 18) {
                final String customer = customer();
                final String segment = random.nextBoolean() ? "retail" : "b2b";
                events.add(new GeneratedEvent(GeneratedEvent.Kind.SIGNUP, customer, customer, null, 0, time(), segment, false));
            } else if (dice < 28 && !orderIds.isEmpty()) {
                final String order = orderIds.get(random.nextInt(orderIds.size()));
                final long[] left = refundableByOrder.get(order);
                // Partial only: at most half of what is left, so the order is never used up.
                if (left[0] >= 4) {
                    final long cents = 1 + random.nextLong(left[0] / 2);
                    left[0] -= cents;
                    events.add(new GeneratedEvent(GeneratedEvent.Kind.REFUND, orderOwner.get(order), "r-" + ids++, order,
                        cents, time(), null, false));
                }
            } else if (dice < 30) {
                // A refund of an order nobody saw: revenue only.
                events.add(new GeneratedEvent(GeneratedEvent.Kind.REFUND, customer(), "r-" + ids++, "lost-" + ids++,
                    1 + random.nextLong(5_000), time(), null, false));
            } else {
                final String customer = customer();
                final String order = "o-" + ids++;
                final long cents = 100 + random.nextLong(60_000);
                orderIds.add(order);
                orderOwner.put(order, customer);
                refundableByOrder.put(order, new long[] {cents});
                events.add(new GeneratedEvent(GeneratedEvent.Kind.PURCHASE, customer, order, order, cents, time(), null, false));
            }
        }
    }

    /** Event times over the last five days in random order: out of order on every partition. */
    private long time() {
        return now - random.nextLong(5 * DAY_MS);
    }

    private String customer() {
        // Skewed: some customers are busy, most are not.
        final int c = random.nextInt(4) == 0 ? random.nextInt(Math.max(1, customers / 20)) : random.nextInt(customers);
        return "cust-" + c;
    }

    /** Produces every event at roughly {@code perSecond}, keyed by customer, record time = event time. */
    static void produce(List<GeneratedEvent> events, String bootstrap, ClvSerdes serdes, TopicNames topics, int perSecond,
                        java.util.function.IntConsumer progress) throws Exception {
        final Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000,
            ProducerConfig.MAX_BLOCK_MS_CONFIG, 600_000);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            final long start = System.nanoTime();
            for (int i = 0; i < events.size(); i++) {
                final GeneratedEvent e = events.get(i);
                producer.send(new ProducerRecord<>(topic(e, topics), null, e.occurredAt(), e.customerId(), encode(e, serdes, topics)));
                if (i % 1_000 == 999) {
                    progress.accept(i + 1);
                    final long due = start + TimeUnit.SECONDS.toNanos(i + 1) / perSecond;
                    final long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
            }
            producer.flush();
            progress.accept(events.size());
        }
    }

    private static String topic(GeneratedEvent e, TopicNames topics) {
        return switch (e.kind()) {
            case SIGNUP -> topics.signups();
            case PURCHASE -> topics.purchases();
            case REFUND -> topics.refunds();
        };
    }

    private static byte[] encode(GeneratedEvent e, ClvSerdes serdes, TopicNames topics) {
        final Instant at = Instant.ofEpochMilli(e.occurredAt());
        final BigDecimal amount = BigDecimal.valueOf(e.cents(), 2);
        return switch (e.kind()) {
            case SIGNUP -> serdes.signup().serializer().serialize(topics.signups(), CustomerSignup.newBuilder()
                .setCustomerId(e.customerId()).setSignedUpAt(at).setSegment(e.segment()).setAcquisitionChannel("search")
                .setCurrency("USD").build());
            case PURCHASE -> serdes.purchase().serializer().serialize(topics.purchases(), Purchase.newBuilder()
                .setOrderId(e.id()).setCustomerId(e.customerId()).setOccurredAt(at).setAmount(amount).setCurrency("USD").build());
            case REFUND -> serdes.refund().serializer().serialize(topics.refunds(), Refund.newBuilder()
                .setRefundId(e.id()).setOrderId(e.orderId()).setCustomerId(e.customerId()).setOccurredAt(at)
                .setAmount(amount).setCurrency("USD").build());
        };
    }
}
