package io.clvstream.metrics;

import io.clvstream.topology.DeadLetterCounter;
import io.clvstream.topology.ProcessingListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The application's metrics, in one Prometheus registry: JVM basics, Kafka Streams' own metrics
 * (Micrometer's binder), and what the topology reports through {@link ProcessingListener}. One
 * instance per process, created by the runner and injected where needed; no static registry.
 *
 * <p>Only measurements are exported, never configuration, so no secret can leak through
 * {@code /metrics}.
 */
public final class ClvMetrics implements ProcessingListener, AutoCloseable {

    /** Bucket bounds of the end-to-end lag: live traffic lands in the first few, replays in the last. */
    private static final Duration[] LAG_BUCKETS = {
        Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5),
        Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofHours(1),
        Duration.ofDays(1), Duration.ofDays(30)};
    private static final String[] EVENT_TYPES = {"purchase", "refund", "signup"};

    private final PrometheusMeterRegistry registry;
    private final Map<String, Counter> events = new ConcurrentHashMap<>();
    private final Map<String, Counter> tierChanges = new ConcurrentHashMap<>();
    private final Map<String, Counter> alerts = new ConcurrentHashMap<>();
    private final Timer lag;
    private final Timer fitDuration;
    private final AtomicLong modelVersion = new AtomicLong(-1);
    private final DeadLetterMeters deadLetters;
    private KafkaStreamsMetrics streamsMetrics;

    public ClvMetrics(DeadLetterCounter deadLetters) {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new StoreMetricTags());
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        for (final String type : EVENT_TYPES) {
            eventCounter(type);
        }
        this.lag = Timer.builder("clv.end.to.end.lag")
            .description("Event time to processing time of applied events")
            .serviceLevelObjectives(LAG_BUCKETS)
            .register(registry);
        this.fitDuration = Timer.builder("clv.model.fit.duration")
            .description("Wall-clock time of model fits")
            .register(registry);
        registry.gauge("clv.model.version", modelVersion);
        this.deadLetters = new DeadLetterMeters(deadLetters, registry);
    }

    /** Binds Kafka Streams' metrics (threads, tasks, stores, clients); call once the instance exists. */
    public void bindStreams(KafkaStreams streams) {
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        deadLetters.registerNewReasons();
        return registry.scrape();
    }

    @Override
    public void eventProcessed(String type, long eventTimeMs, long processedAtMs) {
        eventCounter(type.toLowerCase(Locale.ROOT)).increment();
        // Events may be stamped slightly ahead of this machine's clock (allowed up to clv.validation.max-future).
        lag.record(Math.max(0, processedAtMs - eventTimeMs), TimeUnit.MILLISECONDS);
    }

    @Override
    public void tierChanged(String direction) {
        tierChanges.computeIfAbsent(direction.toLowerCase(Locale.ROOT), d -> Counter.builder("clv.tier.changes")
            .description("Tier changes emitted").tag("direction", d).register(registry)).increment();
    }

    @Override
    public void alertEmitted(String type) {
        alerts.computeIfAbsent(type, t -> Counter.builder("clv.alerts")
            .description("Alerts emitted").tag("type", t).register(registry)).increment();
    }

    @Override
    public void modelFitted(long version, double fitSeconds) {
        fitDuration.record(Duration.ofNanos((long) (fitSeconds * 1e9)));
        modelVersion.set(version);
    }

    private Counter eventCounter(String type) {
        return events.computeIfAbsent(type, t -> Counter.builder("clv.events.processed")
            .description("Input events applied to their customer, duplicates included").tag("type", t)
            .register(registry));
    }

    @Override
    public void close() {
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        registry.close();
    }
}
