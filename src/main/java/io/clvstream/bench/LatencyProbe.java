package io.clvstream.bench;

import io.clvstream.config.TopicNames;
import io.clvstream.serde.ClvSerdes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * End-to-end latency of a running application at a fixed input rate: new purchases of existing
 * customers, each stamped with its send time, against the moment the record it causes (which carries
 * the input record's timestamp) reaches a {@code read_committed} consumer, i.e. after the
 * application's transaction committed. Producer and consumer share this JVM's clock.
 */
final class LatencyProbe {

    /** Latencies in milliseconds; {@code seen < sent} when outputs were still missing at the deadline. */
    record Latency(long sent, long seen, double p50Ms, double p99Ms, double maxMs) {
    }

    /** Where the application under test publishes a record for each probe event, and which values those are. */
    record Output(String topic, Predicate<byte[]> causedByProbe) {

        /** clv-stream's CustomerValues caused by a probe event: not time-driven updates, not late pre-loaded ones. */
        static Output customerValues(TopicNames topics, ClvSerdes serdes) {
            final String topic = topics.customerValues();
            return new Output(topic, value -> serdes.customerValue().deserializer().deserialize(topic, value).getCause()
                .getId().startsWith(EVENT_PREFIX));
        }

        /**
         * A publishing reference's values: one per input event and nothing else, so each one stamped after the probe
         * started is one of its events' (the reference has taken in all earlier input before the probe starts).
         */
        static Output referenceValues(TopicNames topics) {
            return new Output(ReferenceTopology.valuesTopic(topics), value -> true);
        }
    }

    private static final Duration OUTPUT_WAIT = Duration.ofSeconds(60);
    private static final String EVENT_PREFIX = "lat-";

    private LatencyProbe() {
    }

    static Latency measure(Map<String, Object> clientProps, TopicNames topics, ClvSerdes serdes, Output output,
                           int customers, int ratePerSecond, Duration duration, long seed) {
        final Histogram histogram = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
        final AtomicLong seen = new AtomicLong();
        final AtomicBoolean stop = new AtomicBoolean();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(clientProps, output.topic());
             KafkaProducer<String, byte[]> producer = producer(clientProps)) {
            final long startMs = System.currentTimeMillis();
            final Thread reader = new Thread(() -> read(consumer, output, startMs, histogram, seen, stop),
                "bench-latency-reader");
            reader.start();
            final long sent = produce(producer, topics, serdes, customers, ratePerSecond, duration, seed);
            final long deadline = System.nanoTime() + OUTPUT_WAIT.toNanos();
            while (seen.get() < sent && System.nanoTime() < deadline) {
                GroupProgress.sleep(50);
            }
            stop.set(true);
            join(reader);
            synchronized (histogram) {
                return new Latency(sent, seen.get(), histogram.getValueAtPercentile(50),
                    histogram.getValueAtPercentile(99), histogram.getMaxValue());
            }
        }
    }

    private static long produce(KafkaProducer<String, byte[]> producer, TopicNames topics, ClvSerdes serdes,
                                int customers, int ratePerSecond, Duration duration, long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final long start = System.nanoTime();
        final long end = start + duration.toNanos();
        long sent = 0;
        for (long now = start; now < end; now = System.nanoTime()) {
            final long due = (now - start) * ratePerSecond / 1_000_000_000L;
            if (sent >= due) {
                LockSupport.parkNanos(100_000);
                continue;
            }
            while (sent < due) {
                final String customer = Population.customerId(random.nextInt(customers));
                final long at = System.currentTimeMillis();
                final byte[] value = serdes.purchase().serializer().serialize(topics.purchases(),
                    Preloader.purchase(EVENT_PREFIX + sent, customer, at, 100 + random.nextInt(10_000)));
                producer.send(new ProducerRecord<>(topics.purchases(), null, at, customer, value));
                sent++;
            }
        }
        producer.flush();
        return sent;
    }

    private static void read(KafkaConsumer<byte[], byte[]> consumer, Output output, long startMs, Histogram histogram,
                             AtomicLong seen, AtomicBoolean stop) {
        while (!stop.get()) {
            for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                if (record.timestamp() >= startMs && output.causedByProbe().test(record.value())) {
                    final long latency = Math.max(0, System.currentTimeMillis() - record.timestamp());
                    synchronized (histogram) {
                        histogram.recordValue(Math.min(latency, histogram.getHighestTrackableValue()));
                    }
                    seen.incrementAndGet();
                }
            }
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(Map<String, Object> clientProps, String topic) {
        final Map<String, Object> props = new HashMap<>(clientProps);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // The broker answers a waiting fetch as soon as committed data arrives; the wait only bounds an empty
        // poll. 5 ms here meant some 200 empty fetches a second against a broker that shares two cores with
        // the application being measured.
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        final KafkaConsumer<byte[], byte[]> consumer =
            new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
            .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    private static KafkaProducer<String, byte[]> producer(Map<String, Object> clientProps) {
        final Map<String, Object> props = new HashMap<>(clientProps);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // Kafka's default: a few records per request instead of one (1 ms sent up to a request per record).
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static void join(Thread thread) {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
