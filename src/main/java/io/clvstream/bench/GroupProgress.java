package io.clvstream.bench;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Watches a Streams application's progress through its consumer group's committed offsets, from
 * outside the application. Under exactly-once a committed input offset means the outputs and state
 * of those records are committed too, so "all input committed" is "all input processed".
 */
final class GroupProgress {

    private static final long POLL_MS = 25;
    /**
     * Lag left on a drained partition written transactionally: the commit markers after the last
     * records (one per producer that wrote to it last), which a consumer passes but never commits.
     */
    private static final long MARKER_LAG = 2;

    private final Admin admin;

    GroupProgress(Admin admin) {
        this.admin = admin;
    }

    Map<TopicPartition, Long> endOffsets(Collection<String> topics) {
        final Map<String, TopicDescription> described = get(admin.describeTopics(topics).allTopicNames());
        final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        described.values().forEach(topic -> topic.partitions().forEach(
            p -> latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest())));
        return get(admin.listOffsets(latest).all()).entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    Map<TopicPartition, Long> committed(String group) {
        final Map<TopicPartition, OffsetAndMetadata> offsets =
            get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        final Map<TopicPartition, Long> committed = new HashMap<>();
        offsets.forEach((tp, offset) -> {
            if (offset != null) {
                committed.put(tp, offset.offset());
            }
        });
        return committed;
    }

    /**
     * Waits until {@code group} has committed at least {@code ends} on every partition and returns
     * the {@link System#nanoTime()} at which that was seen; fails when {@code failed} turns true.
     */
    long awaitCommitted(String group, Map<TopicPartition, Long> ends, Duration timeout, BooleanSupplier failed) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            final Map<TopicPartition, Long> committed = committed(group);
            final boolean done = ends.entrySet().stream()
                .allMatch(end -> committed.getOrDefault(end.getKey(), 0L) >= end.getValue());
            final long now = System.nanoTime();
            if (done) {
                return now;
            }
            check(failed, now, deadline, group + " did not process its input within " + timeout);
            sleep(POLL_MS);
        }
    }

    /**
     * Waits until none of {@code group}'s committed offsets has moved for {@code quiet} (every
     * sub-topology drained, including internal topics, whose transaction markers keep "lag" above
     * zero) and returns the {@link System#nanoTime()} of the last movement.
     */
    long awaitQuiet(String group, Duration quiet, Duration timeout, BooleanSupplier failed) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, Long> last = committed(group);
        long lastChange = System.nanoTime();
        // A slow commit also leaves offsets unmoved for a while, so the lag must be down to markers too.
        while (System.nanoTime() - lastChange < quiet.toNanos() || maxLag(last) > MARKER_LAG) {
            check(failed, System.nanoTime(), deadline, group + " did not settle within " + timeout);
            sleep(4 * POLL_MS);
            final Map<TopicPartition, Long> now = committed(group);
            if (!now.equals(last)) {
                last = now;
                lastChange = System.nanoTime();
            }
        }
        return lastChange;
    }

    /** Largest distance from committed offset to log end over the partitions {@code committed} names. */
    private long maxLag(Map<TopicPartition, Long> committed) {
        final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        final Map<TopicPartition, Long> ends = new HashMap<>();
        get(admin.listOffsets(latest).all()).forEach((tp, info) -> ends.put(tp, info.offset()));
        return committed.entrySet().stream().mapToLong(e -> ends.get(e.getKey()) - e.getValue()).max().orElse(0);
    }

    private static void check(BooleanSupplier failed, long now, long deadline, String timeoutMessage) {
        if (failed.getAsBoolean()) {
            throw new IllegalStateException("Kafka Streams failed during the bench; see the log above");
        }
        if (now > deadline) {
            throw new IllegalStateException(timeoutMessage);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
