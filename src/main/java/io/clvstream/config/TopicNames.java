package io.clvstream.config;

import java.util.Map;

/**
 * Names of every topic clv-stream reads or writes, from configuration ({@code clv.topic.<role>})
 * with DESIGN.md's names as defaults.
 */
public record TopicNames(
    String purchases,
    String refunds,
    String signups,
    String customerValues,
    String tierChanges,
    String alerts,
    String segmentStats,
    String modelParams,
    String deadLetter) {

    public static final String PREFIX = "clv.topic.";

    public static TopicNames defaults() {
        return from(Map.of());
    }

    public static TopicNames from(Map<String, ?> config) {
        return new TopicNames(
            name(config, "purchases", "commerce.purchases"),
            name(config, "refunds", "commerce.refunds"),
            name(config, "signups", "customers.signups"),
            name(config, "customer-values", "clv.customer-values"),
            name(config, "tier-changes", "clv.tier-changes"),
            name(config, "alerts", "clv.alerts"),
            name(config, "segment-stats", "clv.segment-stats"),
            name(config, "model-params", "clv.model-params"),
            name(config, "dead-letter", "clv.dead-letter"));
    }

    private static String name(Map<String, ?> config, String role, String fallback) {
        return Settings.get(config, PREFIX + role, fallback);
    }
}
