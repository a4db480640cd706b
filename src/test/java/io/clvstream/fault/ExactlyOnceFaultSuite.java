package io.clvstream.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.clvstream.app.broker.EmbeddedKafkaBroker;
import io.clvstream.config.TopicNames;
import io.clvstream.registry.server.EmbeddedSchemaRegistry;
import io.clvstream.serde.ClvSerdes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The fault suite (Maven profile {@code fault}, see docs/reliability.md): a real broker in a child
 * JVM, clv-stream as one or two separate JVMs, a generator producing a known stream while the suite
 * SIGKILLs instances, restarts the broker and adds/removes a second instance; then
 * {@link IndependentChecker} compares every customer with what was published.
 *
 * <p>System properties: {@code fault.events} (default 500000), {@code fault.seed},
 * {@code fault.guarantee} ({@code exactly_once_v2}; {@code at_least_once} shows what the checker
 * catches and does not fail the run), {@code fault.produce.seconds} (default 300).
 */
class ExactlyOnceFaultSuite {

    private static final TopicNames TOPICS = TopicNames.defaults();
    private static final Duration START = Duration.ofMinutes(4);

    private final int events = Integer.getInteger("fault.events", 500_000);
    private final long seed = Long.getLong("fault.seed", System.currentTimeMillis());
    private final String guarantee = System.getProperty("fault.guarantee", "exactly_once_v2");
    private final int produceSeconds = Integer.getInteger("fault.produce.seconds", 300);
    private final Random faults = new Random(seed);
    private final List<String> timeline = new ArrayList<>();
    private final long started = System.nanoTime();
    private int kills;
    private int restarts;
    private int unexpectedExits;
    private int brokerRestarts;
    private int membershipChanges;
    private EmbeddedKafkaBroker broker;

    @Test
    void everyCustomerIsExactAfterCrashesBrokerRestartAndRebalances() throws Exception {
        final Path root = Path.of("target", "fault-suite", guarantee + "-" + seed).toAbsolutePath();
        Files.createDirectories(root);
        final int kafkaPort = EmbeddedKafkaBroker.freePort();
        broker = EmbeddedKafkaBroker.start(root.resolve("broker"), kafkaPort, START);
        final String bootstrap = broker.bootstrapServers();
        final EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(bootstrap, "127.0.0.1", 0, Map.of());
        final List<String> settings = List.of("processing.guarantee=" + guarantee, "num.standby.replicas=1",
            // A SIGKILLed member is noticed after the session timeout; 15 s instead of 45 s shortens each outage.
            "commit.interval.ms=1000", "session.timeout.ms=15000", "clv.partitions=4", "clv.tiers=" + IndependentChecker.TIERS,
            "clv.tier.metric=LIFETIME_NET_SPEND", "clv.tier.downgrade-grace=PT0S", "clv.punctuation.interval=PT1S");
        final AppInstance a = new AppInstance("instance-a", root, bootstrap, registry.url(), settings);
        final AppInstance b = new AppInstance("instance-b", root, bootstrap, registry.url(), settings);
        final List<AppInstance> running = new ArrayList<>();
        try {
            final List<GeneratedEvent> generated = new EventGenerator(seed, events, Instant.now()).events();
            a.start(START);
            running.add(a);
            log("instance-a ready");
            final ClvSerdes serdes = ClvSerdes.create(Map.of("schema.registry.url", registry.url()));
            final AtomicInteger produced = new AtomicInteger();
            final CompletableFuture<Void> generator = CompletableFuture.runAsync(() -> {
                try {
                    EventGenerator.produce(generated, bootstrap, serdes, TOPICS, Math.max(1, events / produceSeconds), produced::set);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            pause(running, produced);
            kill(a, running, produced);
            start(b, running, produced, "instance-b added (rebalance, standby replicas)");
            pause(running, produced);
            kill(b, running, produced);
            pause(running, produced);
            restartBroker(kafkaPort, root, produced);
            pause(running, produced);
            kill(a, running, produced);
            pause(running, produced);
            b.stop();
            running.remove(b);
            membershipChanges++;
            log("instance-b removed (SIGTERM, leaves the group) at " + produced.get() + " events produced");
            pause(running, produced);
            kill(a, running, produced);
            generator.get(30, TimeUnit.MINUTES);
            log("generator done: " + produced.get() + " events");
            awaitCaughtUp(bootstrap, running);

            final IndependentChecker checker = new IndependentChecker(generated);
            final IndependentChecker.Result result = checker.check(
                OutputReader.readAll(bootstrap, TOPICS.customerValues(), serdes.customerValue().deserializer()),
                OutputReader.readAll(bootstrap, TOPICS.tierChanges(), serdes.tierChange().deserializer()),
                OutputReader.readAll(bootstrap, TOPICS.alerts(), serdes.alert().deserializer()),
                OutputReader.readAll(bootstrap, TOPICS.segmentStats(), serdes.segmentStats().deserializer()));
            // The generator writes only valid events: any dead letter is an event lost to a fault.
            final int deadLetters = OutputReader.readAll(bootstrap, TOPICS.deadLetter(), new ByteArrayDeserializer()).size();
            final String summary = summary(generated, result) + "dead letters         " + deadLetters + "\n";
            System.out.println(summary);
            Files.writeString(root.resolve("summary.txt"), summary);
            if (guarantee.startsWith("exactly_once")) {
                assertThat(result.problems() + deadLetters).as(summary).isZero();
            }
        } finally {
            for (final AppInstance instance : running) {
                instance.stop();
            }
            registry.close();
            broker.close();
        }
    }

    private void kill(AppInstance instance, List<AppInstance> running, AtomicInteger produced) throws Exception {
        instance.kill();
        kills++;
        log("SIGKILL " + instance.name() + " at " + produced.get() + " events produced");
        running.remove(instance);
        start(instance, running, produced, instance.name() + " restarted");
        restarts++;
    }

    private void start(AppInstance instance, List<AppInstance> running, AtomicInteger produced, String what) throws Exception {
        instance.start(START);
        running.add(instance);
        if (what.contains("added")) {
            membershipChanges++;
        }
        log(what + " at " + produced.get() + " events produced");
    }

    private void restartBroker(int port, Path root, AtomicInteger produced) {
        log("broker stopping at " + produced.get() + " events produced");
        broker.close();
        broker = EmbeddedKafkaBroker.start(root.resolve("broker"), port, START);
        brokerRestarts++;
        log("broker restarted");
    }

    /** A random 4-12 s; an instance that died by itself meanwhile is restarted and counted. */
    private void pause(List<AppInstance> running, AtomicInteger produced) throws Exception {
        final long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(4_000 + faults.nextInt(8_000));
        while (System.nanoTime() < until) {
            for (final AppInstance instance : List.copyOf(running)) {
                if (!instance.alive()) {
                    unexpectedExits++;
                    running.remove(instance);
                    start(instance, running, produced, instance.name() + " exited by itself; restarted");
                }
            }
            Thread.sleep(500);
        }
    }

    /** Waits until the group has committed every input record, then until the outputs stop growing. */
    private void awaitCaughtUp(String bootstrap, List<AppInstance> running) throws Exception {
        final List<String> inputs = List.of(TOPICS.purchases(), TOPICS.refunds(), TOPICS.signups());
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
            long lag = Long.MAX_VALUE;
            while (lag > 0 && System.nanoTime() < deadline) {
                pause(running, new AtomicInteger(events));
                lag = lag(admin, inputs::contains);
                log("input lag " + lag);
            }
        }
        final List<String> outputs = List.of(TOPICS.customerValues(), TOPICS.tierChanges(), TOPICS.alerts());
        long before = -1;
        long now = OutputReader.endOffsetSum(bootstrap, outputs);
        while (now != before) {
            // Punctuations (1 s) finish pending downgrades after the last event.
            Thread.sleep(8_000);
            before = now;
            now = OutputReader.endOffsetSum(bootstrap, outputs);
        }
        log("outputs stable at " + now + " records");
    }

    private static long lag(Admin admin, Predicate<String> topics) throws Exception {
        final Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets("clv-stream").partitionsToOffsetAndMetadata().get();
        final Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        admin.describeTopics(List.of(TOPICS.purchases(), TOPICS.refunds(), TOPICS.signups())).allTopicNames().get()
            .forEach((name, description) -> description.partitions()
                .forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        long lag = 0;
        for (final var end : admin.listOffsets(latest).all().get().entrySet()) {
            if (topics.test(end.getKey().topic())) {
                final OffsetAndMetadata done = committed.get(end.getKey());
                lag += end.getValue().offset() - (done == null ? 0 : done.offset());
            }
        }
        return lag;
    }

    private void log(String event) {
        final String line = String.format("[fault-suite +%4ds] %s", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), event);
        timeline.add(line);
        System.out.println(line);
    }

    private String summary(List<GeneratedEvent> generated, IndependentChecker.Result r) {
        final long duplicates = generated.stream().filter(GeneratedEvent::duplicate).count();
        final String counts = String.format("signups=%d purchases=%d refunds=%d duplicates=%d",
            generated.stream().filter(e -> e.kind() == GeneratedEvent.Kind.SIGNUP).count(),
            generated.stream().filter(e -> e.kind() == GeneratedEvent.Kind.PURCHASE).count(),
            generated.stream().filter(e -> e.kind() == GeneratedEvent.Kind.REFUND).count(), duplicates);
        return String.join("\n", timeline) + "\n"
            + "== fault suite summary ==\n"
            + "guarantee            " + guarantee + "\n"
            + "seed                 " + seed + "\n"
            + "events               " + generated.size() + " (" + counts + ", event times out of order)\n"
            + "kills (SIGKILL)      " + kills + "\n"
            + "restarts             " + restarts + " after kills, " + unexpectedExits + " after unexpected exits\n"
            + "broker restarts      " + brokerRestarts + "\n"
            + "instance add/remove  " + membershipChanges + " (num.standby.replicas=1)\n"
            + "customers checked    " + r.customers() + "\n"
            + "mismatches           " + r.mismatches() + "\n"
            + "missing customers    " + r.missing() + "\n"
            + "unexpected customers " + r.unexpected() + "\n"
            + "duplicated values    " + r.duplicatedValues() + " (same customer and causing event published twice)\n"
            + "duplicated tier chg  " + r.duplicatedTierChanges() + "\n"
            + "broken tier chains   " + r.brokenTierChains() + "\n"
            + "duplicated alerts    " + r.duplicatedAlerts() + "\n"
            + "segments checked     " + r.segments() + " (customers, orders, net revenue of the latest clv.segment-stats)\n"
            + "segment mismatches   " + r.segmentMismatches() + "\n"
            + "problems             " + r.problems() + "\n"
            + (r.examples().isEmpty() ? "" : "examples:\n  " + String.join("\n  ", r.examples()) + "\n")
            + "elapsed              " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " s\n";
    }
}
