package io.clvstream.ingest;

import io.clvstream.config.InputProducers;
import io.clvstream.files.RowError;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Loads rows of input files into their topics through one idempotent producer ({@link InputProducers}: {@code
 * acks=all}, one request in flight): a retried send is written once, and every row is on the broker before
 * the summary counts it as sent. Values are serialized before sending, so a row the registry or the
 * schema rejects is reported with its line like an unreadable one.
 *
 * <p>Records keep the producer's timestamp (now), not the event time: with years-old timestamps the
 * topics' time-based retention would delete historical loads at once. The topology reads event time
 * from the record itself.
 */
public final class Ingester implements AutoCloseable {

    /** Reads a file, handing each record and each unreadable line over. */
    @FunctionalInterface
    public interface FileReader<T> {
        void read(Path file, Consumer<Row<T>> rows, Consumer<RowError> errors) throws IOException;
    }

    private final KafkaProducer<String, byte[]> producer;
    private final PrintWriter err;
    private final boolean terminal;

    /** {@code clientProperties}: bootstrap servers and any security settings. */
    public Ingester(Map<String, Object> clientProperties, PrintWriter err, boolean terminal) {
        this.producer = new KafkaProducer<>(InputProducers.properties(clientProperties, "clv-ingest", 20),
            new StringSerializer(), new ByteArraySerializer());
        this.err = err;
        this.terminal = terminal;
    }

    /** Sends every readable row of {@code file} to {@code topic}, keyed by {@code key}; waits for all acks. */
    public <T> FileSummary load(Path file, String topic, FileReader<T> reader, Serializer<T> serializer,
                                Function<T, String> key) {
        final String name = file.getFileName().toString();
        final Progress progress = new Progress(err, terminal, name, dataLines(file));
        final long start = System.nanoTime();
        final AtomicLong read = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
        final AtomicLong sent = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final Consumer<RowError> reject = error -> {
            rejected.incrementAndGet();
            read.incrementAndGet();
            err.println((terminal ? "\r" : "") + name + " " + error);
            err.flush();
        };
        try {
            reader.read(file, row -> {
                read.incrementAndGet();
                final byte[] value;
                try {
                    value = serializer.serialize(topic, row.record());
                } catch (RuntimeException e) {
                    read.decrementAndGet();
                    reject.accept(new RowError(row.line(), "cannot serialize: " + e.getMessage()));
                    return;
                }
                producer.send(new ProducerRecord<>(topic, key.apply(row.record()), value), (metadata, exception) -> {
                    if (exception == null) {
                        sent.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                        err.println(name + " line " + row.line() + ": not sent: " + exception.getMessage());
                        err.flush();
                    }
                });
                progress.update(read.get());
            }, reject);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        producer.flush();
        progress.finish();
        return new FileSummary(name, read.get(), sent.get(), rejected.get(), failed.get(), (System.nanoTime() - start) / 1e9);
    }

    /** Lines after the header, for the progress bar's total; a quick pass over the file. */
    private static long dataLines(Path file) {
        try (var lines = Files.lines(file)) {
            return Math.max(0, lines.count() - 1);
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
