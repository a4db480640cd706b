package io.clvstream.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * How much state an application keeps, three ways: its RocksDB directory on disk, its changelog
 * topics' log size on the broker (as written: changelogs are compacted only once a segment rolls,
 * so during a bench this still holds every update), and the live state, i.e. key + value bytes of
 * the latest record per key in every changelog, what compaction converges to and a restore reads.
 */
record StateSize(long diskBytes, long changelogLogBytes, long liveBytes, Map<String, Long> liveBytesByChangelog) {

    static StateSize measure(Admin admin, Map<String, Object> clientProps, String applicationId, Path stateDir) {
        final List<String> changelogs = GroupProgress.get(admin.listTopics().names()).stream()
            .filter(name -> name.startsWith(applicationId + "-") && name.endsWith("-changelog")).sorted().toList();
        final Map<String, Long> live = liveBytes(clientProps, changelogs);
        return new StateSize(directoryBytes(stateDir), logBytes(admin, changelogs),
            live.values().stream().mapToLong(Long::longValue).sum(), live);
    }

    private static long logBytes(Admin admin, List<String> topics) {
        final List<Integer> brokers = GroupProgress.get(admin.describeCluster().nodes()).stream().map(Node::id).toList();
        long total = 0;
        for (final Map<String, LogDirDescription> dirs : GroupProgress.get(admin.describeLogDirs(brokers).allDescriptions()).values()) {
            for (final LogDirDescription dir : dirs.values()) {
                for (final Map.Entry<TopicPartition, ReplicaInfo> replica : dir.replicaInfos().entrySet()) {
                    if (topics.contains(replica.getKey().topic())) {
                        total += replica.getValue().size();
                    }
                }
            }
        }
        return total;
    }

    private static Map<String, Long> liveBytes(Map<String, Object> clientProps, List<String> topics) {
        final Map<String, Object> props = new HashMap<>(clientProps);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        final Map<String, Map<ByteBuffer, Integer>> latest = new TreeMap<>();
        topics.forEach(topic -> latest.put(topic, new HashMap<>()));
        try (KafkaConsumer<byte[], byte[]> consumer =
                 new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = topics.stream().flatMap(topic -> consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition()))).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    final Map<ByteBuffer, Integer> store = latest.get(record.topic());
                    if (record.value() == null) {
                        store.remove(ByteBuffer.wrap(record.key()));
                    } else {
                        store.put(ByteBuffer.wrap(record.key()), record.key().length + record.value().length);
                    }
                }
            }
        }
        final Map<String, Long> bytes = new TreeMap<>();
        latest.forEach((topic, store) -> bytes.put(topic, store.values().stream().mapToLong(Integer::longValue).sum()));
        return bytes;
    }

    static long directoryBytes(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot measure " + dir, e);
        }
    }
}
