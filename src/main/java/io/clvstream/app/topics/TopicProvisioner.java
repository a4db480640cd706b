package io.clvstream.app.topics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics clv-stream needs when they are missing. Existing topics are left as they are
 * (a partition count cannot shrink, and changing it would re-key state), with a warning on mismatch;
 * so running it on every start is safe.
 */
public final class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final long TIMEOUT_SECONDS = 60;

    private final Admin admin;
    private final Optional<Short> replicationFactor;

    public TopicProvisioner(Admin admin, Optional<Short> replicationFactor) {
        this.admin = admin;
        this.replicationFactor = replicationFactor;
    }

    /** Creates the missing topics among {@code specs}; returns the names it created. */
    public List<String> provision(List<TopicSpec> specs) {
        try {
            final Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            warnOnPartitionMismatch(specs.stream().filter(spec -> existing.contains(spec.name())).toList());
            final List<TopicSpec> missing = specs.stream().filter(spec -> !existing.contains(spec.name())).toList();
            final List<String> created = new ArrayList<>();
            if (missing.isEmpty()) {
                return created;
            }
            final Map<String, KafkaFuture<Void>> results = admin.createTopics(
                missing.stream().map(spec -> spec.toNewTopic(replicationFactor)).toList()).values();
            for (TopicSpec spec : missing) {
                if (awaitCreated(spec, results.get(spec.name()))) {
                    created.add(spec.name());
                }
            }
            return created;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot provision topics: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while provisioning topics", e);
        }
    }

    /** True when this call created the topic; false when a concurrent instance got there first. */
    private static boolean awaitCreated(TopicSpec spec, KafkaFuture<Void> result)
        throws InterruptedException, ExecutionException, TimeoutException {
        try {
            result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            log.info("Created topic {} ({} partitions{})", spec.name(), spec.partitions(),
                spec.configs().isEmpty() ? "" : ", " + spec.configs());
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw e;
        }
    }

    private void warnOnPartitionMismatch(List<TopicSpec> existing)
        throws InterruptedException, ExecutionException, TimeoutException {
        if (existing.isEmpty()) {
            return;
        }
        final Map<String, TopicDescription> described = admin.describeTopics(
            existing.stream().map(TopicSpec::name).toList()).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        for (TopicSpec spec : existing) {
            final int actual = described.get(spec.name()).partitions().size();
            if (actual != spec.partitions()) {
                log.warn("Topic {} exists with {} partitions, configuration says {}; keeping {}",
                    spec.name(), actual, spec.partitions(), actual);
            }
        }
    }
}
