package io.clvstream.bench;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Notes when a Streams main consumer first hands out records: the start of a throughput phase,
 * measured the same way for any topology without touching it. Installed as
 * {@code main.consumer.interceptor.classes}; Kafka instantiates it by name, hence the static
 * field. One phase runs at a time, and each {@link #reset()}s it first.
 */
public final class FirstPollProbe implements ConsumerInterceptor<byte[], byte[]> {

    private static final long NONE = Long.MIN_VALUE;
    private static final AtomicLong FIRST_RECORDS_NANOS = new AtomicLong(NONE);
    private static final AtomicReference<Optional<HostCpu.Sample>> FIRST_RECORDS_HOST = new AtomicReference<>(Optional.empty());

    static void reset() {
        FIRST_RECORDS_NANOS.set(NONE);
        FIRST_RECORDS_HOST.set(Optional.empty());
    }

    /** {@link System#nanoTime()} of the first poll that returned records, if any did. */
    static java.util.OptionalLong firstRecordsNanos() {
        final long first = FIRST_RECORDS_NANOS.get();
        return first == NONE ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(first);
    }

    /** The host's CPU counters at that first poll, where the host has them. */
    static Optional<HostCpu.Sample> firstRecordsHost() {
        return FIRST_RECORDS_HOST.get();
    }

    @Override
    public ConsumerRecords<byte[], byte[]> onConsume(ConsumerRecords<byte[], byte[]> records) {
        if (!records.isEmpty() && FIRST_RECORDS_NANOS.compareAndSet(NONE, System.nanoTime())) {
            FIRST_RECORDS_HOST.set(HostCpu.sample());
        }
        return records;
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        // Progress is read from the group's committed offsets instead (GroupProgress).
    }

    @Override
    public void close() {
        // Nothing held.
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // Nothing to configure.
    }
}
