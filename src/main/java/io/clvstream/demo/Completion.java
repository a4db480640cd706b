package io.clvstream.demo;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Knows when the replay is fully processed: Streams commits its input offsets in the same
 * transaction as its outputs, so once its group's committed offsets reach the end of the input
 * topics every result is in the output topics, and their read_committed end offsets are where the
 * feed can stop.
 */
public final class Completion {

    private static final long TIMEOUT_SECONDS = 30;

    private final Admin admin;

    public Completion(Admin admin) {
        this.admin = admin;
    }

    /**
     * Waits until {@code applicationId} has consumed everything in {@code inputs}; false on timeout or
     * once {@code stop} is released.
     */
    public boolean awaitProcessed(String applicationId, List<String> inputs, Duration timeout, CountDownLatch stop)
        throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (processed(applicationId, inputs)) {
                return true;
            }
            if (stop.await(200, TimeUnit.MILLISECONDS)) {
                return false;
            }
        }
        return false;
    }

    private boolean processed(String applicationId, List<String> inputs) throws InterruptedException {
        final Map<TopicPartition, Long> ends = endOffsets(inputs);
        final Map<TopicPartition, OffsetAndMetadata> committed =
            get(admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata());
        return ends.entrySet().stream().allMatch(end -> {
            final OffsetAndMetadata offset = committed.get(end.getKey());
            return (offset == null ? 0 : offset.offset()) >= end.getValue();
        });
    }

    /** The read_committed end offset of every partition of {@code topics}. */
    public Map<TopicPartition, Long> endOffsets(List<String> topics) throws InterruptedException {
        final Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        get(admin.describeTopics(topics).allTopicNames()).forEach((name, description) ->
            description.partitions().forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        final Map<TopicPartition, Long> ends = new HashMap<>();
        get(admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all())
            .forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    private static <T> T get(KafkaFuture<T> future) throws InterruptedException {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot read offsets from the broker: " + e.getMessage(), e);
        }
    }
}
