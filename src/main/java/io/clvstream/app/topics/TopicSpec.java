package io.clvstream.app.topics;

import io.clvstream.config.ClvConfig;
import io.clvstream.config.TopicNames;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/** How one clv-stream topic is created: name, partitions and topic-level settings. */
public record TopicSpec(String name, int partitions, Map<String, String> configs) {

    private static final Map<String, String> COMPACTED = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
    private static final Map<String, String> DELETE = Map.of();

    /**
     * Every topic of DESIGN.md. The per-topic choices live here and only here: the latest-value topics
     * are compacted, and model parameters go to a single partition because every instance reads the
     * whole topic and only the latest version matters.
     */
    public static List<TopicSpec> all(ClvConfig config) {
        final TopicNames topics = config.topicNames();
        final int partitions = config.partitions();
        return List.of(
            new TopicSpec(topics.purchases(), partitions, DELETE),
            new TopicSpec(topics.refunds(), partitions, DELETE),
            new TopicSpec(topics.signups(), partitions, DELETE),
            new TopicSpec(topics.customerValues(), partitions, COMPACTED),
            new TopicSpec(topics.tierChanges(), partitions, DELETE),
            new TopicSpec(topics.alerts(), partitions, DELETE),
            new TopicSpec(topics.segmentStats(), partitions, COMPACTED),
            new TopicSpec(topics.modelParams(), 1, COMPACTED),
            new TopicSpec(topics.deadLetter(), partitions, DELETE));
    }

    NewTopic toNewTopic(Optional<Short> replicationFactor) {
        return new NewTopic(name, Optional.of(partitions), replicationFactor).configs(configs);
    }
}
