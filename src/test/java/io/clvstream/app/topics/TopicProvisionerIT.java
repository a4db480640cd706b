package io.clvstream.app.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.clvstream.config.ClvConfig;
import io.clvstream.config.ClvConfigLoader;
import io.clvstream.registry.KafkaTestCluster;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

class TopicProvisionerIT {

    @Test
    void createsEveryTopicOnceWithItsPartitionsAndCleanupPolicy() throws Exception {
        final ClvConfig config = ClvConfigLoader.of(Map.of(ClvConfig.PARTITIONS, "3"));
        final List<TopicSpec> specs = TopicSpec.all(config);
        try (KafkaTestCluster kafka = KafkaTestCluster.start();
             Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            final TopicProvisioner provisioner = new TopicProvisioner(admin, Optional.of((short) 1));

            assertThat(provisioner.provision(specs)).hasSize(9);
            assertThat(provisioner.provision(specs)).as("second run").isEmpty();

            final Map<String, TopicDescription> topics = admin.describeTopics(
                specs.stream().map(TopicSpec::name).toList()).allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(topics.get("commerce.purchases").partitions()).hasSize(3);
            assertThat(topics.get("clv.model-params").partitions()).hasSize(1);
            assertThat(cleanupPolicy(admin, "clv.customer-values")).isEqualTo("compact");
            assertThat(cleanupPolicy(admin, "clv.segment-stats")).isEqualTo("compact");
            assertThat(cleanupPolicy(admin, "clv.model-params")).isEqualTo("compact");
            assertThat(cleanupPolicy(admin, "commerce.purchases")).isEqualTo("delete");
        }
    }

    private static String cleanupPolicy(Admin admin, String topic) throws Exception {
        final ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        final Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
        return config.get("cleanup.policy").value();
    }
}
