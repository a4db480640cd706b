package io.clvstream.demo;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Turns off time-based retention on the demo's delete-policy topics. Their records carry 1997 event
 * timestamps, and the broker deletes segments whose newest timestamp is older than retention.ms (7
 * days by default), which would drop the replay from under Streams and the feed within minutes.
 */
final class EventTimeRetention {

    private EventTimeRetention() {
    }

    static void keepForever(Admin admin, Collection<String> topics) throws InterruptedException {
        final AlterConfigOp keep = new AlterConfigOp(new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, "-1"),
            AlterConfigOp.OpType.SET);
        final Map<ConfigResource, Collection<AlterConfigOp>> changes = topics.stream().collect(Collectors.toMap(
            topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic), topic -> List.of(keep)));
        try {
            admin.incrementalAlterConfigs(changes).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot set retention.ms=-1 on " + topics + ": " + e.getMessage(), e);
        }
    }
}
