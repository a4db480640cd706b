package io.clvstream.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * One set of tag keys for Kafka Streams' state-store metrics. Streams names a store's id tag after the store's
 * type ({@code in-memory-state-id}, {@code rocksdb-state-id}, ...), so the same metric arrives with different tag
 * keys from different stores; Prometheus requires one set of keys per name, and Micrometer drops every meter of
 * the second kind (with one warning). Here the id becomes {@code state.id} and the type {@code store.type}.
 */
final class StoreMetricTags implements MeterFilter {

    private static final String STORE_METRICS = "kafka.stream.state.";
    private static final String ID_SUFFIX = ".state.id";

    @Override
    public Meter.Id map(Meter.Id id) {
        if (!id.getName().startsWith(STORE_METRICS)) {
            return id;
        }
        final List<Tag> tags = new ArrayList<>();
        boolean renamed = false;
        for (final Tag tag : id.getTagsAsIterable()) {
            if (tag.getKey().endsWith(ID_SUFFIX)) {
                tags.add(Tag.of("state.id", tag.getValue()));
                tags.add(Tag.of("store.type", tag.getKey().substring(0, tag.getKey().length() - ID_SUFFIX.length())));
                renamed = true;
            } else {
                tags.add(tag);
            }
        }
        return renamed ? id.replaceTags(tags) : id;
    }
}
