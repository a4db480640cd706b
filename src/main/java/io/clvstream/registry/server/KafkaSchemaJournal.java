package io.clvstream.registry.server;

import io.clvstream.registry.CompatibilityLevel;
import io.clvstream.registry.RegisteredSchema;
import io.clvstream.registry.SchemaRegistryException;
import io.clvstream.registry.SchemaStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the registry's state in a single-partition compacted topic, the way Confluent Schema
 * Registry does: the topic is the source of truth, the in-memory {@link SchemaStore} a replay of it.
 *
 * <p>Each change is produced synchronously (acks=all, idempotent) before the store applies it, so a
 * client is told an id only once that id survives a restart. One partition keeps a total order of
 * changes, which is what makes replay deterministic. This journal assumes it is the only writer:
 * it does not tail the topic for changes made by another registry instance.
 */
final class KafkaSchemaJournal implements SchemaStore.Journal, AutoCloseable {

    /** Confluent's setting names, accepted among the Kafka client settings and not passed on to the clients. */
    static final String TOPIC_CONFIG = "kafkastore.topic";
    static final String REPLICATION_FACTOR_CONFIG = "kafkastore.topic.replication.factor";
    static final String DEFAULT_TOPIC = "_schemas";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSchemaJournal.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final KafkaProducer<byte[], byte[]> producer;

    private KafkaSchemaJournal(String topic, KafkaProducer<byte[], byte[]> producer) {
        this.topic = topic;
        this.producer = producer;
    }

    /** Creates the topic if missing, replays it into {@code store}, then journals {@code store}'s changes. */
    static KafkaSchemaJournal attach(String bootstrapServers, Map<String, Object> settings, SchemaStore store) {
        final Map<String, Object> clientProps = new HashMap<>(settings);
        final String topic = String.valueOf(clientProps.getOrDefault(TOPIC_CONFIG, DEFAULT_TOPIC));
        final short replicationFactor = Short.parseShort(String.valueOf(clientProps.getOrDefault(REPLICATION_FACTOR_CONFIG, "1")));
        clientProps.remove(TOPIC_CONFIG);
        clientProps.remove(REPLICATION_FACTOR_CONFIG);
        clientProps.put("bootstrap.servers", bootstrapServers);

        ensureTopic(clientProps, topic, replicationFactor);
        final int records = replay(clientProps, topic, store);
        LOG.info("Replayed {} records of topic {}: {} subjects", records, topic, store.subjects().size());
        final KafkaSchemaJournal journal = new KafkaSchemaJournal(topic, new KafkaProducer<>(producerProps(clientProps)));
        store.setJournal(journal);
        return journal;
    }

    @Override
    public void schemaRegistered(RegisteredSchema registered) {
        write(SchemasTopicFormat.schemaKey(registered), SchemasTopicFormat.schemaValue(registered));
    }

    @Override
    public void compatibilitySet(String subjectOrNull, CompatibilityLevel level) {
        write(SchemasTopicFormat.configKey(subjectOrNull), SchemasTopicFormat.configValue(level));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    private void write(byte[] key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, 0, key, value)).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw storeError(e);
        } catch (ExecutionException | TimeoutException e) {
            throw storeError(e instanceof ExecutionException ? e.getCause() : e);
        }
    }

    private SchemaRegistryException storeError(Throwable cause) {
        return new SchemaRegistryException(500, SchemaRegistryException.STORE_ERROR,
            "Error while writing to the schemas topic " + topic + ": " + cause, cause);
    }

    private static void ensureTopic(Map<String, Object> clientProps, String topic, short replicationFactor) {
        try (Admin admin = Admin.create(clientProps)) {
            if (!admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).contains(topic)) {
                final NewTopic newTopic = new NewTopic(topic, 1, replicationFactor)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                try {
                    admin.createTopics(List.of(newTopic)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    LOG.info("Created compacted topic {} (replication factor {})", topic, replicationFactor);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            // A deleting cleanup policy would silently drop schemas whose ids are still in use in data.
            final String policy = describeConfig(admin, topic).get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
            if (!TopicConfig.CLEANUP_POLICY_COMPACT.equals(policy)) {
                throw new IllegalStateException("Topic " + topic + " has cleanup.policy=" + policy
                    + "; the schema registry needs cleanup.policy=compact so schemas are never deleted by retention");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while preparing topic " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot prepare topic " + topic + ": " + (e.getCause() != null ? e.getCause() : e), e);
        }
    }

    /**
     * The topic's configuration. A topic created a moment ago may not have reached the broker that
     * answers yet (KRaft metadata propagates asynchronously), so "unknown topic" is retried until the
     * timeout.
     */
    private static Config describeConfig(Admin admin, String topic)
        throws InterruptedException, ExecutionException, TimeoutException {
        final ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try {
                return admin.describeConfigs(Set.of(resource)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(resource);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static int replay(Map<String, Object> clientProps, String topic, SchemaStore store) {
        final Map<String, Object> props = new HashMap<>(clientProps);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        final TopicPartition partition = new TopicPartition(topic, 0);
        int records = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            final long end = consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
            final long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (consumer.position(partition, TIMEOUT) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Timed out replaying topic " + topic + " up to offset " + end);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    SchemasTopicFormat.replay(record.key(), record.value(), store);
                    records++;
                }
            }
        }
        return records;
    }

    static Map<String, Object> producerProps(Map<String, Object> clientProps) {
        final Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 25_000);
        props.putAll(clientProps);
        // Durability is not negotiable: an id handed out must survive a broker restart.
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return props;
    }
}
