package io.clvstream.bench;

import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * Time for a fresh instance (empty state directory, same application.id) to rebuild the state of
 * a stopped one from its changelogs: from {@code start()} until Streams is RUNNING and every
 * non-empty changelog partition has reported the end of its restore.
 */
final class RestoreProbe {

    record Restore(double seconds, long records) {
    }

    private static final Duration CLOSE = Duration.ofSeconds(60);

    private RestoreProbe() {
    }

    static Restore measure(Topology topology, Properties props, Set<TopicPartition> nonEmptyChangelogs, Duration timeout) {
        final Set<TopicPartition> restored = ConcurrentHashMap.newKeySet();
        final AtomicLong records = new AtomicLong();
        final AtomicReference<KafkaStreams.State> state = new AtomicReference<>(KafkaStreams.State.CREATED);
        final KafkaStreams streams = new KafkaStreams(topology, props);
        streams.setGlobalStateRestoreListener(new StateRestoreListener() {
            @Override
            public void onRestoreStart(TopicPartition partition, String store, long start, long end) {
                // Counted at the end.
            }

            @Override
            public void onBatchRestored(TopicPartition partition, String store, long batchEnd, long restoredRecords) {
                // Counted at the end.
            }

            @Override
            public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
                records.addAndGet(totalRestored);
                restored.add(partition);
            }
        });
        streams.setStateListener((newState, oldState) -> state.set(newState));
        final long start = System.nanoTime();
        streams.start();
        try {
            final long deadline = start + timeout.toNanos();
            while (state.get() != KafkaStreams.State.RUNNING || !restored.containsAll(nonEmptyChangelogs)) {
                if (state.get() == KafkaStreams.State.ERROR || System.nanoTime() > deadline) {
                    throw new IllegalStateException("Restore did not finish (state " + state.get() + ", "
                        + restored.size() + " of " + nonEmptyChangelogs.size() + " changelog partitions)");
                }
                GroupProgress.sleep(10);
            }
            return new Restore((System.nanoTime() - start) / 1e9, records.get());
        } finally {
            streams.close(CloseOptions.timeout(CLOSE)
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        }
    }
}
