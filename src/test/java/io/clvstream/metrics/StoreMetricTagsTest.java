package io.clvstream.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.clvstream.topology.DeadLetterCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StoreMetricTagsTest {

    private static final String RESTORE_LATENCY = "kafka.stream.state.restore.latency.avg";

    @Test
    void storesOfEveryTypeShareOneMetricName() {
        final AtomicLong value = new AtomicLong(7);
        try (ClvMetrics metrics = new ClvMetrics(new DeadLetterCounter())) {
            // As Kafka Streams' binder registers them: an in-memory store's metric first, then a RocksDB store's.
            Gauge.builder(RESTORE_LATENCY, value, AtomicLong::get)
                .tags(Tags.of("kafka.version", "4.3.1", "in.memory.state.id", "model-params", "task.id", "1_0",
                    "thread.id", "t-1"))
                .register(metrics.registry());
            Gauge.builder(RESTORE_LATENCY, value, AtomicLong::get)
                .tags(Tags.of("kafka.version", "4.3.1", "rocksdb.state.id", "segment-partitions", "task.id", "1_5",
                    "thread.id", "t-2"))
                .register(metrics.registry());

            assertThat(metrics.registry().find(RESTORE_LATENCY).gauges()).hasSize(2);
            assertThat(metrics.scrape())
                .contains("state_id=\"model-params\"", "store_type=\"in.memory\"")
                .contains("state_id=\"segment-partitions\"", "store_type=\"rocksdb\"");
        }
    }

    @Test
    void otherMetricsKeepTheirTags() {
        try (ClvMetrics metrics = new ClvMetrics(new DeadLetterCounter())) {
            Gauge.builder("kafka.stream.thread.poll.rate", () -> 1.0).tags(Tags.of("thread.id", "t-1"))
                .register(metrics.registry());

            assertThat(metrics.registry().find("kafka.stream.thread.poll.rate").gauge().getId().getTags())
                .containsExactly(Tag.of("thread.id", "t-1"));
        }
    }
}
