package io.clvstream.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One Kafka Streams application of a bench phase, with its own application.id and state directory. */
final class StreamsPhase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsPhase.class);
    private static final Duration CLOSE = Duration.ofSeconds(60);

    /**
     * Records per second over the time from the first records polled to all input committed, and the CPU
     * time the application's stream threads had used by then (from their start, so a warm-up of the state
     * is included; it is small beside the input), and the whole host's load over the same time.
     */
    record Throughput(long records, double seconds, double streamThreadCpuSeconds, HostCpu.Load host) {
        double perSecond() {
            return records / seconds;
        }

        /** CPU of the stream threads per record: it moves much less with the load on the machine than the rate. */
        double cpuMicrosPerRecord() {
            return streamThreadCpuSeconds * 1e6 / records;
        }
    }

    private final KafkaStreams streams;
    private final String applicationId;
    private final AtomicBoolean failed = new AtomicBoolean();

    private StreamsPhase(KafkaStreams streams, String applicationId) {
        this.streams = streams;
        this.applicationId = applicationId;
    }

    static StreamsPhase start(Topology topology, Properties props) {
        final Properties withProbe = new Properties();
        withProbe.putAll(props);
        withProbe.put(StreamsConfig.mainConsumerPrefix("interceptor.classes"), FirstPollProbe.class.getName());
        final StreamsPhase phase = new StreamsPhase(new KafkaStreams(topology, withProbe),
            props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
        phase.streams.setUncaughtExceptionHandler(e -> {
            LOG.error("Stream thread of {} failed", phase.applicationId, e);
            phase.failed.set(true);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        FirstPollProbe.reset();
        phase.streams.start();
        return phase;
    }

    String applicationId() {
        return applicationId;
    }

    boolean failed() {
        return failed.get() || streams.state() == KafkaStreams.State.ERROR;
    }

    /** Waits until every input record is processed (committed) and returns the rate since the first poll. */
    Throughput awaitInput(GroupProgress progress, Map<TopicPartition, Long> inputEnds, Duration timeout) {
        final long done = progress.awaitCommitted(applicationId, inputEnds, timeout, this::failed);
        final Optional<HostCpu.Sample> hostAtEnd = HostCpu.sample();
        final long records = inputEnds.values().stream().mapToLong(Long::longValue).sum();
        final double seconds = (done - firstPoll()) / 1e9;
        final HostCpu.Load host = FirstPollProbe.firstRecordsHost()
            .flatMap(start -> hostAtEnd.map(end -> HostCpu.between(start, end, seconds, records)))
            .orElse(HostCpu.Load.UNKNOWN);
        return new Throughput(records, seconds, streamThreadCpuSeconds(), host);
    }

    /** Waits until the application has committed {@code ends}: input appended since it last ran, taken in. */
    void awaitCommitted(GroupProgress progress, Map<TopicPartition, Long> ends, Duration timeout) {
        progress.awaitCommitted(applicationId, ends, timeout, this::failed);
    }

    /** Stream threads are named {@code <application.id>-<process id>-StreamThread-<n>} (their clients' threads are not). */
    private double streamThreadCpuSeconds() {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long nanos = 0;
        for (final Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith(applicationId + "-") && thread.getName().contains("-StreamThread-")) {
                nanos += Math.max(0, threads.getThreadCpuTime(thread.getId()));
            }
        }
        return nanos / 1e9;
    }

    /** Seconds from the first poll until the whole application (every sub-topology) went quiet. */
    double awaitDrained(GroupProgress progress, Duration timeout) {
        final long lastMove = progress.awaitQuiet(applicationId, Duration.ofSeconds(3), timeout, this::failed);
        return (lastMove - firstPoll()) / 1e9;
    }

    private static long firstPoll() {
        return FirstPollProbe.firstRecordsNanos()
            .orElseThrow(() -> new IllegalStateException("Streams committed input without polling any"));
    }

    @Override
    public void close() {
        if (!streams.close(CloseOptions.timeout(CLOSE)
            .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP))) {
            LOG.warn("{} did not close within {}", applicationId, CLOSE);
        }
    }
}
