package io.clvstream.bench;

import io.clvstream.app.topics.TopicProvisioner;
import io.clvstream.app.topics.TopicSpec;
import io.clvstream.config.ClvConfig;
import io.clvstream.config.TopicNames;
import io.clvstream.serde.ClvSerdes;
import io.clvstream.topology.ClvTopology;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * {@code clv bench}: one run on one cluster and one pre-loaded data set, so the figures can be
 * compared with each other even on a noisy machine. Phases, each with its own application.id:
 * generate and pre-load; rounds of throughput, the reference aggregate and the full application
 * over the same input; in the last round the full application then goes on to latency at a fixed
 * rate (and a publishing reference after it, at the same rate); state size; restore of a fresh instance.
 */
public final class Bench {

    /** What to run; see {@code clv bench --help}. {@code warmupEvents} 0 skips the warm-up. */
    public record Settings(long events, int customers, long warmupEvents, int latencyRate, Duration latencyDuration,
                           long seed, Duration phaseTimeout, int rounds, ReferenceShape reference) {
        public Settings {
            if (rounds < 1) {
                throw new IllegalArgumentException("rounds must be at least 1, got " + rounds);
            }
            Objects.requireNonNull(reference, "reference");
        }
    }

    private Bench() {
    }

    public static BenchResult run(Settings settings, ClvConfig base, Path workDir, PrintStream progress) {
        final String run = "bench-" + Long.toString(System.currentTimeMillis(), 36);
        try (BenchCluster cluster = BenchCluster.start(base, workDir)) {
            final ClvConfig config = cluster.config().with(topicNames(run));
            final TopicNames topics = config.topicNames();
            try (Admin admin = Admin.create(config.clientProperties())) {
                final GroupProgress groups = new GroupProgress(admin);
                final ClvSerdes serdes = ClvSerdes.create(config.registryProperties());
                if (settings.warmupEvents() > 0) {
                    warmUp(settings, run + "-warmup", cluster.config(), admin, groups, workDir, progress);
                }

                progress.printf("bench: generating %,d events over %,d customers%n", settings.events(), settings.customers());
                final Population population = Population.generate(settings.customers(), settings.events(), settings.seed(),
                    System.currentTimeMillis());
                final Map<TopicPartition, Long> inputEnds = preload(config, admin, groups, serdes, population, settings);
                progress.printf("bench: pre-loaded %,d signups, %,d purchases, %,d refunds, %,d duplicates%n",
                    population.customers(), population.purchases(), population.refunds(), population.duplicates());

                final List<BenchResult.Round> rounds = new ArrayList<>();
                for (int round = 1; round < settings.rounds(); round++) {
                    rounds.add(earlierRound(round, settings, config, run, admin, groups, serdes, inputEnds, workDir, progress));
                }
                // The reference's latency phase runs as this same application, from the state and offsets it leaves.
                final Properties referenceProps = phaseProps(config, run + "-reference", workDir.resolve("state-reference"));
                final StreamsPhase.Throughput reference = runToInputEnd(ReferenceTopology.build(topics, settings.reference()),
                    referenceProps, groups, inputEnds, settings);
                progress.printf("bench: reference %,.0f events/s%n", reference.perSecond());

                final String clvId = run + "-clv";
                final StreamsPhase.Throughput clv;
                final double drained;
                final LatencyProbe.Latency latency;
                try (StreamsPhase phase = StreamsPhase.start(ClvTopology.build(config.asMap(), serdes),
                    phaseProps(config, clvId, workDir.resolve("state-clv")))) {
                    clv = phase.awaitInput(groups, inputEnds, settings.phaseTimeout());
                    progress.printf("bench: clv-stream %,.0f events/s; waiting for every sub-topology to drain%n",
                        clv.perSecond());
                    drained = phase.awaitDrained(groups, settings.phaseTimeout());
                    progress.printf("bench: latency at %,d events/s for %s%n", settings.latencyRate(), settings.latencyDuration());
                    latency = LatencyProbe.measure(config.clientProperties(), topics, serdes,
                        LatencyProbe.Output.customerValues(topics, serdes), population.customers(),
                        settings.latencyRate(), settings.latencyDuration(), settings.seed());
                }
                rounds.add(round(reference, clv));
                final LatencyProbe.Latency referenceLatency = settings.reference().publishes()
                    ? referenceLatency(settings, config, referenceProps, groups, serdes, population.customers(), progress)
                    : null;

                final StateSize state = StateSize.measure(admin, config.clientProperties(), clvId,
                    workDir.resolve("state-clv").resolve(clvId));
                progress.printf("bench: live state by changelog %s%n", state.liveBytesByChangelog());
                final Set<TopicPartition> changelogs = groups.endOffsets(state.liveBytesByChangelog().keySet()).entrySet()
                    .stream().filter(end -> end.getValue() > 0).map(Map.Entry::getKey).collect(Collectors.toSet());
                final RestoreProbe.Restore restore = RestoreProbe.measure(ClvTopology.build(config.asMap(), serdes),
                    phaseProps(config, clvId, workDir.resolve("state-restore")), changelogs, settings.phaseTimeout());
                if (!cluster.embedded()) {
                    deleteBenchTopics(admin, run);
                }
                final double customers = population.customers();
                return new BenchResult(population.events(), population.customers(), settings.warmupEvents(), settings.reference(),
                    config.partitions(),
                    Integer.parseInt(config.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG).orElse("1")),
                    config.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG).orElse(StreamsConfig.AT_LEAST_ONCE),
                    config.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG).orElse("default"),
                    rounds, drained, settings.latencyRate(), latency, referenceLatency,
                    state.liveBytes() / customers, state.diskBytes() / customers, state.changelogLogBytes() / customers,
                    restore.seconds(), restore.records());
            }
        }
    }

    /**
     * The latency of a publishing reference at the same rate, with the probe's same events: Kafka's own floor under
     * clv-stream's latency for its output, with none of its work. Measured after clv-stream's latency phase, so
     * neither application runs beside the other: the reference starts again from its last round's state and
     * committed offsets, takes in what clv-stream's probe appended, and only then meets its own probe.
     */
    private static LatencyProbe.Latency referenceLatency(Settings settings, ClvConfig config, Properties referenceProps,
                                                         GroupProgress groups, ClvSerdes serdes, int customers,
                                                         PrintStream progress) {
        final TopicNames topics = config.topicNames();
        try (StreamsPhase phase = StreamsPhase.start(ReferenceTopology.build(topics, settings.reference()), referenceProps)) {
            phase.awaitCommitted(groups, groups.endOffsets(inputs(topics)), settings.phaseTimeout());
            progress.printf("bench: reference latency at %,d events/s for %s%n", settings.latencyRate(),
                settings.latencyDuration());
            return LatencyProbe.measure(config.clientProperties(), topics, serdes, LatencyProbe.Output.referenceValues(topics),
                customers, settings.latencyRate(), settings.latencyDuration(), settings.seed());
        }
    }

    /**
     * A throughput round before the last: each topology once more over the same input under application ids and, for
     * clv-stream, output topics of the round's own, so that nothing carries over from one round to the next (the
     * published segment statistics feed the application back). The order alternates so that the rounds, the last
     * one included, run reference-first and clv-first in turn and ending on clv-stream: a machine that speeds up or
     * slows down over the run then favours neither topology in the median.
     */
    private static BenchResult.Round earlierRound(int round, Settings settings, ClvConfig config, String run, Admin admin,
                                                  GroupProgress groups, ClvSerdes serdes, Map<TopicPartition, Long> inputEnds,
                                                  Path workDir, PrintStream progress) {
        final String id = run + "-r" + round;
        final ClvConfig roundConfig = config.with(topicNames(run, id));
        provision(admin, roundConfig, settings);
        final Supplier<StreamsPhase.Throughput> referencePhase = () -> runToInputEnd(
            ReferenceTopology.build(roundConfig.topicNames(), settings.reference()),
            phaseProps(roundConfig, id + "-reference", workDir.resolve("state-reference")), groups, inputEnds, settings);
        final Supplier<StreamsPhase.Throughput> clvPhase = () -> runToInputEnd(ClvTopology.build(roundConfig.asMap(), serdes),
            phaseProps(roundConfig, id + "-clv", workDir.resolve("state-clv")), groups, inputEnds, settings);
        final boolean referenceFirst = referenceFirst(round, settings.rounds());
        final StreamsPhase.Throughput reference;
        final StreamsPhase.Throughput clv;
        if (referenceFirst) {
            reference = referencePhase.get();
            clv = clvPhase.get();
        } else {
            clv = clvPhase.get();
            reference = referencePhase.get();
        }
        final BenchResult.Round result = round(reference, clv);
        progress.printf("bench: round %d of %d: reference %,.0f, clv-stream %,.0f events/s (%s first)%n", round,
            settings.rounds(), result.referenceEventsPerSec(), result.clvEventsPerSec(), referenceFirst ? "reference" : "clv-stream");
        return result;
    }

    /** Whether round {@code round} (from 1) of {@code rounds} runs the reference first; the last one always does. */
    static boolean referenceFirst(int round, int rounds) {
        return (rounds - round) % 2 == 0;
    }

    private static BenchResult.Round round(StreamsPhase.Throughput reference, StreamsPhase.Throughput clv) {
        return new BenchResult.Round(reference.perSecond(), clv.perSecond(), reference.cpuMicrosPerRecord(),
            clv.cpuMicrosPerRecord(), reference.host(), clv.host());
    }

    /**
     * Runs both topologies once, unmeasured, over a small population of their own (topics {@code <run>-warmup.*}),
     * so that the measured phases compare steady-state code rather than how long the JIT compiler takes
     * with each: on 2 cores, compiling the full application's paths took a third of the machine for the
     * first half-minute of its phase, the reference's few paths almost nothing.
     */
    private static void warmUp(Settings settings, String id, ClvConfig clusterConfig, Admin admin, GroupProgress groups,
                               Path workDir, PrintStream progress) {
        final ClvConfig config = clusterConfig.with(topicNames(id));
        final ClvSerdes serdes = ClvSerdes.create(config.registryProperties());
        final int customers = (int) Math.max(1, settings.customers() * settings.warmupEvents() / settings.events());
        final Population population = Population.generate(customers, settings.warmupEvents(), settings.seed() + 1,
            System.currentTimeMillis());
        final Map<TopicPartition, Long> ends = preload(config, admin, groups, serdes, population, settings);
        progress.printf("bench: warming up on %,d events of %,d other customers (not measured)%n",
            population.events(), population.customers());
        runToInputEnd(ReferenceTopology.build(config.topicNames(), settings.reference()),
            phaseProps(config, id + "-reference", workDir.resolve("state-warmup-reference")), groups, ends, settings);
        runToInputEnd(ClvTopology.build(config.asMap(), serdes),
            phaseProps(config, id + "-clv", workDir.resolve("state-warmup-clv")), groups, ends, settings);
    }

    /** Creates the topics of {@code config}, loads {@code population} into its inputs and returns their end offsets. */
    private static Map<TopicPartition, Long> preload(ClvConfig config, Admin admin, GroupProgress groups, ClvSerdes serdes,
                                                     Population population, Settings settings) {
        provision(admin, config, settings);
        Preloader.load(population, config.topicNames(), serdes, config.clientProperties());
        return groups.endOffsets(inputs(config.topicNames()));
    }

    /** The application's topics of {@code config} and, when the reference publishes, its values topic. */
    private static void provision(Admin admin, ClvConfig config, Settings settings) {
        final List<TopicSpec> topics = new ArrayList<>(TopicSpec.all(config));
        if (settings.reference().publishes()) {
            topics.add(new TopicSpec(ReferenceTopology.valuesTopic(config.topicNames()), config.partitions(), Map.of()));
        }
        new TopicProvisioner(admin, config.replicationFactor()).provision(topics);
    }

    /** Runs {@code topology} until its group has committed {@code ends}, then closes it. */
    private static StreamsPhase.Throughput runToInputEnd(Topology topology, Properties props, GroupProgress groups,
                                                         Map<TopicPartition, Long> ends, Settings settings) {
        try (StreamsPhase phase = StreamsPhase.start(topology, props)) {
            return phase.awaitInput(groups, ends, settings.phaseTimeout());
        }
    }

    private static List<String> inputs(TopicNames topics) {
        return List.of(topics.purchases(), topics.refunds(), topics.signups());
    }

    /** Bench topics of their own, so a run against a real cluster never writes into its real topics. */
    private static Map<String, String> topicNames(String run) {
        return topicNames(run, run);
    }

    /** Inputs named after {@code inputRun}, outputs after {@code outputRun}. */
    private static Map<String, String> topicNames(String inputRun, String outputRun) {
        final TopicNames defaults = TopicNames.defaults();
        final Map<String, String> names = new HashMap<>();
        names.put(TopicNames.PREFIX + "purchases", inputRun + "." + defaults.purchases());
        names.put(TopicNames.PREFIX + "refunds", inputRun + "." + defaults.refunds());
        names.put(TopicNames.PREFIX + "signups", inputRun + "." + defaults.signups());
        names.put(TopicNames.PREFIX + "customer-values", outputRun + "." + defaults.customerValues());
        names.put(TopicNames.PREFIX + "tier-changes", outputRun + "." + defaults.tierChanges());
        names.put(TopicNames.PREFIX + "alerts", outputRun + "." + defaults.alerts());
        names.put(TopicNames.PREFIX + "segment-stats", outputRun + "." + defaults.segmentStats());
        names.put(TopicNames.PREFIX + "model-params", outputRun + "." + defaults.modelParams());
        names.put(TopicNames.PREFIX + "dead-letter", outputRun + "." + defaults.deadLetter());
        return names;
    }

    private static Properties phaseProps(ClvConfig config, String applicationId, Path stateDir) {
        final Properties props = config.streamsProperties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return props;
    }

    private static void deleteBenchTopics(Admin admin, String run) {
        final Set<String> ours = GroupProgress.get(admin.listTopics().names()).stream()
            .filter(name -> name.startsWith(run)).collect(Collectors.toSet());
        GroupProgress.get(admin.deleteTopics(ours).all());
    }
}
