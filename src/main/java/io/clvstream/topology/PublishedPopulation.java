package io.clvstream.topology;

import io.clvstream.avro.SegmentStats;
import io.clvstream.customer.CustomerTopologyConfig;
import io.clvstream.customer.Money;
import io.clvstream.customer.Population;
import io.clvstream.customer.SegmentPrior;
import io.clvstream.segment.SegmentMembers;
import io.clvstream.segment.SegmentsConfig;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The population figures as published on {@code clv.segment-stats}, read from the global
 * {@code segment-stats-store} (record bytes per segment, as for the model parameters). A record is
 * decoded once per version; when neither segment priors nor a top percent is configured nothing is
 * read at all, so the feature costs nothing unless used.
 */
public final class PublishedPopulation implements Population {

    /** A percentile of fewer customers than this says little; below it only the absolute threshold alerts. */
    public static final long MIN_RANKED_CUSTOMERS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(PublishedPopulation.class);

    private record Decoded(byte[] bytes, SegmentStats stats) {
    }

    private final Function<String, byte[]> published;
    private final Deserializer<SegmentStats> deserializer;
    private final String topic;
    private final CustomerTopologyConfig config;
    private final Double topPercent;
    private final Map<String, Decoded> decoded = new ConcurrentHashMap<>();

    /** {@code published} looks up the latest record bytes of a segment in the global store, null when none. */
    public PublishedPopulation(Function<String, byte[]> published, Deserializer<SegmentStats> deserializer, String topic,
                               Map<String, ?> config) {
        this.published = published;
        this.deserializer = deserializer;
        this.topic = topic;
        this.config = CustomerTopologyConfig.from(config);
        this.topPercent = SegmentsConfig.from(config).topPercent();
    }

    @Override
    public SegmentPrior prior(String segment) {
        return config.segmentPriors().fromSegment() ? SegmentPrior.of(stats(SegmentMembers.segmentOf(segment)), config) : null;
    }

    @Override
    public TopPercent topPercent() {
        if (topPercent == null) {
            return null;
        }
        final SegmentStats all = stats(SegmentMembers.ALL);
        if (all == null || all.getTopPercentThreshold() == null || all.getCustomers() < MIN_RANKED_CUSTOMERS) {
            return null;
        }
        return new TopPercent(topPercent, Money.toCents(Money.toDecimal(all.getTopPercentThreshold())));
    }

    private SegmentStats stats(String segment) {
        final byte[] bytes = published.apply(segment);
        if (bytes == null) {
            return null;
        }
        final Decoded known = decoded.get(segment);
        if (known != null && (known.bytes() == bytes || Arrays.equals(known.bytes(), bytes))) {
            return known.stats();
        }
        try {
            final SegmentStats stats = deserializer.deserialize(topic, bytes);
            decoded.put(segment, new Decoded(bytes, stats));
            return stats;
        } catch (RuntimeException e) {
            LOG.error("Cannot read the {} record of segment {}; its figures are not used", topic, segment, e);
            return known == null ? null : known.stats();
        }
    }
}
