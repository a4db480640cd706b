package io.clvstream.demo;

import io.clvstream.avro.TierChange;
import io.clvstream.config.TopicNames;
import io.clvstream.serde.ClvSerdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the output topics from the beginning, read_committed (Streams writes them in exactly-once
 * transactions, so only committed results are shown), into a {@link FeedState} and a {@link FeedView}.
 * Runs on its own thread; all state and printing stay on it. No consumer group: nothing to commit,
 * and every demo reads the whole story.
 */
public final class LiveFeed implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Map<String, Object> clientProperties;
    private final TopicNames topics;
    private final ClvSerdes serdes;
    private final FeedState state;
    private final FeedView view;
    private final FeedFormat format;
    private final Predicate<TierChange> listed;
    private final AtomicReference<Map<TopicPartition, Long>> drainTo = new AtomicReference<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);

    /** {@code listed}: the tier changes that get a line of their own; the others are only counted. */
    public LiveFeed(Map<String, Object> clientProperties, TopicNames topics, ClvSerdes serdes, FeedState state,
                    FeedView view, FeedFormat format, Predicate<TierChange> listed) {
        this.clientProperties = clientProperties;
        this.topics = topics;
        this.serdes = serdes;
        this.state = state;
        this.view = view;
        this.format = format;
        this.listed = listed;
    }

    /** The output topics the feed reads. */
    public List<String> outputTopics() {
        return List.of(topics.customerValues(), topics.tierChanges(), topics.alerts(), topics.deadLetter());
    }

    @Override
    public void run() {
        final Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "clv-demo-feed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        try (KafkaConsumer<String, byte[]> consumer =
                 new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = new ArrayList<>();
            for (final String topic : outputTopics()) {
                for (final PartitionInfo info : consumer.partitionsFor(topic)) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!stopped.get() && !drained(consumer)) {
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    show(record);
                }
                view.tick(System.currentTimeMillis());
            }
            view.finish();
        } catch (RuntimeException e) {
            log.error("The demo feed stopped", e);
        } finally {
            finished.countDown();
        }
    }

    private boolean drained(KafkaConsumer<String, byte[]> consumer) {
        final Map<TopicPartition, Long> ends = drainTo.get();
        return ends != null && ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    private void show(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        final String topic = record.topic();
        try {
            if (topic.equals(topics.customerValues())) {
                state.onValue(serdes.customerValue().deserializer().deserialize(topic, record.value()));
            } else if (topic.equals(topics.tierChanges())) {
                final TierChange change = serdes.tierChange().deserializer().deserialize(topic, record.value());
                state.onTierChange(change);
                if (listed.test(change)) {
                    view.line(format.tierChange(change));
                }
            } else if (topic.equals(topics.alerts())) {
                final var alert = serdes.alert().deserializer().deserialize(topic, record.value());
                state.onAlert(alert);
                view.line(format.alert(alert));
            } else if (topic.equals(topics.deadLetter())) {
                state.onDeadLetter();
                view.line(format.deadLetter(serdes.deadLetter().deserializer().deserialize(topic, record.value())));
            }
        } catch (RuntimeException e) {
            log.warn("Cannot show {}-{}@{}: {}", topic, record.partition(), record.offset(), e.getMessage());
        }
    }

    /** Finish once the feed has read up to {@code ends} (read_committed end offsets) of its partitions. */
    public void drainTo(Map<TopicPartition, Long> ends) {
        drainTo.set(Map.copyOf(ends));
    }

    /** Stop at once (Ctrl-C); the view still draws its last table. */
    public void stop() {
        stopped.set(true);
    }

    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
