package io.clvstream.demo;

import io.clvstream.avro.CustomerSignup;
import io.clvstream.avro.Purchase;
import io.clvstream.avro.Refund;
import io.clvstream.config.FirstSendFailure;
import io.clvstream.config.InputProducers;
import io.clvstream.config.TopicNames;
import io.clvstream.serde.ClvSerdes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends a {@link DemoScript} to the input topics in accelerated event time, as an outside shop would:
 * Avro through the registry, key = customerId, and the record timestamp = the event time, which is
 * what drives the topology's stream-time tiers and alerts.
 */
public final class Replayer implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final TopicNames topics;
    private final ClvSerdes serdes;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong eventTime = new AtomicLong(Long.MIN_VALUE);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final FirstSendFailure failure = new FirstSendFailure();

    public Replayer(Map<String, Object> clientProperties, TopicNames topics, ClvSerdes serdes) {
        this.producer = new KafkaProducer<>(InputProducers.properties(clientProperties, "clv-demo-replay", 5),
            new StringSerializer(), new ByteArraySerializer());
        this.topics = topics;
        this.serdes = serdes;
    }

    /** Sends every event when {@code clock} says it is due; returns early after {@link #stop()}. */
    public void replay(DemoScript script, ReplayClock clock) throws InterruptedException {
        for (final DemoEvent event : script.events()) {
            final long wait = clock.waitMillis(event.timeMs(), System.currentTimeMillis());
            failure.throwIfFailed("the demo events");
            if (wait > 0) {
                // Whatever is batched goes out before the pause, so the feed keeps up with the clock.
                producer.flush();
                if (stopped.await(wait, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
            if (stopped.getCount() == 0) {
                return;
            }
            send(event);
        }
        producer.flush();
        failure.throwIfFailed("the demo events");
    }

    private void send(DemoEvent event) {
        final String topic = topicOf(event.kind());
        producer.send(new ProducerRecord<>(topic, null, event.timeMs(), event.customerId(), serialize(topic, event)),
            failure);
        sent.incrementAndGet();
        eventTime.set(event.timeMs());
    }

    private String topicOf(DemoEvent.Kind kind) {
        return switch (kind) {
            case SIGNUP -> topics.signups();
            case PURCHASE -> topics.purchases();
            case REFUND -> topics.refunds();
        };
    }

    private byte[] serialize(String topic, DemoEvent event) {
        final SpecificRecord record = event.record();
        return switch (event.kind()) {
            case SIGNUP -> serdes.signup().serializer().serialize(topic, (CustomerSignup) record);
            case PURCHASE -> serdes.purchase().serializer().serialize(topic, (Purchase) record);
            case REFUND -> serdes.refund().serializer().serialize(topic, (Refund) record);
        };
    }

    /** Events handed to the producer so far. */
    public long sent() {
        return sent.get();
    }

    /** Event time of the latest event sent; {@code Long.MIN_VALUE} before the first. */
    public long eventTime() {
        return eventTime.get();
    }

    /** Ends {@link #replay} before its next event (Ctrl-C). */
    public void stop() {
        stopped.countDown();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
