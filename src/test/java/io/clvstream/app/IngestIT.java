package io.clvstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.clvstream.avro.CustomerSignup;
import io.clvstream.avro.Purchase;
import io.clvstream.avro.Refund;
import io.clvstream.config.TopicNames;
import io.clvstream.registry.KafkaTestCluster;
import io.clvstream.registry.MockSchemaRegistry;
import io.clvstream.serde.SpecificAvroSerde;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code clv ingest} against a real broker: bad rows reported with their lines, the rest loaded. */
class IngestIT {

    private static final String SCOPE = "ingest-it";
    private static final String REGISTRY = "mock://" + SCOPE;
    private static final TopicNames TOPICS = TopicNames.defaults();

    @RegisterExtension
    static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    @TempDir
    Path dir;

    @AfterEach
    void dropScope() {
        MockSchemaRegistry.dropScope(SCOPE);
    }

    @Test
    void reportsBadRowsByLineAndLoadsTheRest() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPICS.purchases(), 2, (short) 1),
                new NewTopic(TOPICS.signups(), 2, (short) 1), new NewTopic(TOPICS.refunds(), 2, (short) 1))).all().get();
        }
        // An export with its own header names, mapped with --column.
        final Path purchases = write("orders.csv",
            "Email,order_id,Created at,Total,currency",
            "a@x.com,o-1,2026-01-05,120.50,usd",
            "b@x.com,o-2,2026-01-06T10:15:00Z,80",
            "c@x.com,o-3,yesterday,10.00",
            "a@x.com,o-4,2026-02-01,not-a-number",
            ",o-5,2026-02-02,5.00",
            "c@x.com,o-6,2026-02-03,99.999",
            "c@x.com,o-7,2026-02-04,15.00");
        final Path signups = write("signups.csv",
            "Email,signed_up_at,acquisition_channel,segment,acquisition_cost,currency",
            "a@x.com,2025-12-01,ads,vip,30.00,USD",
            "b@x.com,2025-12-02,,,,",
            "c@x.com,someday,seo,retail,,");
        final Path refunds = write("refunds.csv",
            "refund_id,order_id,Email,Created at,Total,currency",
            "r-1,o-1,a@x.com,2026-01-10,20.50,USD");

        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine cli = ClvMain.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        final int status = cli.execute("ingest", "--bootstrap-servers", KAFKA.bootstrapServers(),
            "--schema-registry-url", REGISTRY, "--purchases", purchases.toString(), "--signups", signups.toString(),
            "--refunds", refunds.toString(), "--column", "customer_id=Email", "--column", "occurred_at=Created at",
            "--column", "amount=Total");

        assertThat(status).as("stdout:%n%s%nstderr:%n%s", out, err).isZero();
        assertThat(err.toString()).contains(
            "orders.csv line 4: occurred_at 'yesterday' is not an ISO-8601 date or date-time",
            "orders.csv line 5: Total 'not-a-number' is not a number",
            "orders.csv line 6: missing Email",
            "orders.csv line 7: amount '99.999' has more than 2 decimals",
            "signups.csv line 4: signed_up_at 'someday' is not an ISO-8601 date or date-time");
        assertThat(out.toString()).contains(
            "signups.csv: 3 rows read, 2 sent, 1 rejected",
            "orders.csv: 7 rows read, 3 sent, 4 rejected",
            "refunds.csv: 1 rows read, 1 sent, 0 rejected",
            "total: 11 rows read, 6 sent, 5 rejected");

        final List<Purchase> loaded = consume(TOPICS.purchases(), Purchase.class, 3);
        assertThat(loaded).extracting(Purchase::getOrderId).containsExactlyInAnyOrder("o-1", "o-2", "o-7");
        assertThat(loaded).filteredOn(p -> p.getOrderId().equals("o-2")).first()
            .satisfies(p -> assertThat(p.getAmount()).isEqualTo(new BigDecimal("80.00")));
        assertThat(consume(TOPICS.signups(), CustomerSignup.class, 2)).extracting(CustomerSignup::getSegment)
            .containsExactlyInAnyOrder("vip", null);
        assertThat(consume(TOPICS.refunds(), Refund.class, 1)).extracting(Refund::getAmount)
            .containsExactly(new BigDecimal("20.50"));
    }

    @Test
    void nothingLoadableExitsOne() throws Exception {
        final Path purchases = write("bad.csv", "customer_id,order_id,occurred_at,amount", "c,o,never,1");
        final CommandLine cli = ClvMain.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        assertThat(cli.execute("ingest", "--bootstrap-servers", KAFKA.bootstrapServers(),
            "--schema-registry-url", REGISTRY, "--purchases", purchases.toString())).isEqualTo(1);
    }

    private Path write(String name, String... lines) throws Exception {
        return Files.write(dir.resolve(name), List.of(lines));
    }

    /** Everything on {@code topic}, waiting until at least {@code expected} records are there (and a bit more). */
    private static <T extends SpecificRecord> List<T> consume(String topic, Class<T> type, int expected) {
        final SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
        serde.configure(Map.of("schema.registry.url", REGISTRY), false);
        final List<T> records = new ArrayList<>();
        try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(Map.of(
            "bootstrap.servers", KAFKA.bootstrapServers(), "group.id", "ingest-it-" + topic,
            "auto.offset.reset", "earliest"), new StringDeserializer(), serde.deserializer())) {
            consumer.subscribe(List.of(topic));
            final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            int emptyPolls = 0;
            while (System.nanoTime() < deadline && (records.size() < expected || emptyPolls < 2)) {
                final var batch = consumer.poll(Duration.ofMillis(500));
                emptyPolls = batch.isEmpty() ? emptyPolls + 1 : 0;
                for (ConsumerRecord<String, T> record : batch) {
                    records.add(record.value());
                }
            }
        }
        return records;
    }
}
