package io.clvstream.config;

import io.clvstream.rocksdb.BoundedRocksDbConfigSetter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Resolves {@link ClvConfig} from, lowest precedence first: built-in defaults, an optional properties
 * file, {@code CLV_*} environment variables (see {@link EnvironmentMapping}) and command-line flags.
 * Settings derived from others (the Streams state directory under the data directory) are filled in
 * last, so they follow whichever layer set the data directory.
 */
public final class ClvConfigLoader {

    /** Streams' record cache for all stores and threads of an instance, {@code statestore.cache.max.bytes}. */
    public static final long RECORD_CACHE_BYTES = 64L * 1024 * 1024;

    /** {@code batch.size} of the Streams producer. */
    public static final int PRODUCER_BATCH_BYTES = 128 * 1024;

    /** Segment size of Streams' internal topics (changelogs, repartitions), {@code topic.segment.bytes}. */
    public static final int CHANGELOG_SEGMENT_BYTES = 64 * 1024 * 1024;

    /** {@code num.stream.threads} unless a layer sets it. */
    private static final int STREAM_THREADS = 2;

    /** {@code commit.interval.ms} under exactly-once, unless a layer sets it. */
    private static final int EXACTLY_ONCE_COMMIT_INTERVAL_MS = 50;

    private ClvConfigLoader() {
    }

    /** The built-in defaults, lowest precedence of all. */
    public static Map<String, Object> defaults() {
        final Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put(ClvConfig.APPLICATION_ID, "clv-stream");
        defaults.put(ClvConfig.PROCESSING_GUARANTEE, StreamsConfig.EXACTLY_ONCE_V2);
        // Kafka 5.0's default already; without it Streams 4.x warns on every start.
        defaults.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        // A stream thread waits this long for an unavailable registry before it is replaced (docs/reliability.md).
        defaults.put("schema.registry.retry.timeout.ms", "5000");
        // Purchases, refunds and signups are three topics. With Kafka's default (0) a task with one of them empty
        // locally checks the broker's lag before every record and formats log lines for it, logged or not (Kafka
        // 4.3; 10% of the stream thread). The ledger needs no interleaving by time across the topics: a refund
        // that overtakes its purchase is held for it (CustomerLedger), signups may come late.
        defaults.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "-1");
        // A stream thread runs its tasks one after another, and under exactly-once it stops them all for each of
        // its commits. Two threads use a second core (the deployment's pods get two) and each commits on its own:
        // in the bench's ABBA on two cores shared with the broker, 43,000-46,000 events/s against 32,000-36,000 with
        // one (docs/performance.md, "Round 10"). Scale-out: instances x threads up to the partitions (6 by default).
        defaults.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, String.valueOf(STREAM_THREADS));
        // The record cache keeps recently used state records on the heap. At Kafka's 10 MB it was full: evicting
        // wrote dirty state between commits, and most reads went to RocksDB (docs/performance.md).
        defaults.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, String.valueOf(RECORD_CACHE_BYTES));
        // Each new producer batch wakes the sender thread with a system call; at 16 KB (a few dozen outputs or
        // state records) that was 5% of the stream thread's wall time. Flushed at every commit anyway, so a
        // larger batch adds no latency; buffer.memory still bounds the total.
        defaults.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), String.valueOf(PRODUCER_BATCH_BYTES));
        // One shared block cache and write buffer manager for all stores (docs/performance.md).
        defaults.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfigSetter.class.getName());
        defaults.put(BoundedRocksDbConfigSetter.BLOCK_CACHE_BYTES, String.valueOf(BoundedRocksDbConfigSetter.DEFAULT_BLOCK_CACHE_BYTES));
        defaults.put(BoundedRocksDbConfigSetter.WRITE_BUFFER_BYTES, String.valueOf(BoundedRocksDbConfigSetter.DEFAULT_WRITE_BUFFER_BYTES));
        // Changelogs are compacted, but the cleaner never touches a partition's active segment, and Kafka's
        // default segment is 1 GiB: millions of superseded state records that a fresh instance must read
        // before it may process. 64 MiB segments let compaction keep restores close to the live state.
        defaults.put(StreamsConfig.topicPrefix(TopicConfig.SEGMENT_BYTES_CONFIG), String.valueOf(CHANGELOG_SEGMENT_BYTES));
        defaults.put(ClvConfig.DATA_DIR, "./data");
        defaults.put(ClvConfig.PARTITIONS, "6");
        defaults.put(ClvConfig.PROVISION_TOPICS, "true");
        defaults.put(ClvConfig.KAFKA_PORT, "9092");
        defaults.put(ClvConfig.REGISTRY_PORT, "8081");
        defaults.put(ClvConfig.HTTP_PORT, "8080");
        defaults.put(ClvConfig.HTTP_HOST, "127.0.0.1");
        return defaults;
    }

    /** Configuration from the real environment of this process. */
    public static ClvConfig load(Optional<Path> file, Map<String, String> flags) {
        return load(file, System.getenv(), flags);
    }

    public static ClvConfig load(Optional<Path> file, Map<String, String> environment, Map<String, String> flags) {
        final Map<String, Object> merged = new LinkedHashMap<>(defaults());
        file.ifPresent(path -> merged.putAll(readProperties(path)));
        merged.putAll(EnvironmentMapping.properties(environment));
        merged.putAll(flags);
        merged.putIfAbsent(ClvConfig.STATE_DIR, Path.of(merged.get(ClvConfig.DATA_DIR).toString(), "streams").toString());
        // Under exactly-once a result is visible only with the commit that holds it, so the interval is the floor
        // of the latency. Over fourteen bench runs at 20,000 events/s the median p99 was 618 ms at 50 ms and 710 ms at
        // Streams' 100 ms, at the same throughput: a margin within the spread between runs, which the stream threads'
        // queue dominates; 25 ms was worse again (docs/performance.md, "Round 10"). At-least-once keeps
        // Streams' own default: its outputs are visible as they are written, a commit only records progress.
        if (StreamsConfig.EXACTLY_ONCE_V2.equals(merged.get(ClvConfig.PROCESSING_GUARANTEE))) {
            merged.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, String.valueOf(EXACTLY_ONCE_COMMIT_INTERVAL_MS));
        }
        return new ClvConfig(merged);
    }

    /** Configuration from defaults and {@code overrides} only, ignoring file and environment (for tests). */
    public static ClvConfig of(Map<String, String> overrides) {
        return load(Optional.empty(), Map.of(), overrides);
    }

    private static Map<String, String> readProperties(Path path) {
        final Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(path)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read configuration file " + path, e);
        }
        final Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name).trim()));
        return values;
    }
}
