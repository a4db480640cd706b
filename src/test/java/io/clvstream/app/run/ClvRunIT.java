package io.clvstream.app.run;

import static io.clvstream.app.run.PurchaseRoundTrip.purchase;
import static org.assertj.core.api.Assertions.assertThat;

import io.clvstream.app.broker.EmbeddedKafkaBroker;
import io.clvstream.avro.CustomerValue;
import io.clvstream.config.ClvConfig;
import io.clvstream.config.ClvConfigLoader;
import io.clvstream.serde.ConfluentPython;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole {@code clv run} path in-process on ephemeral ports: embedded broker (child JVM), embedded
 * registry, topic provisioning and Streams; a purchase in Confluent wire format through the real
 * registry comes out as a customer value, Confluent's Python client produces and reads back through the
 * same endpoints, and a restart on the same data directory resumes.
 */
class ClvRunIT {

    private static final Pattern READY = Pattern.compile(
        "ready: kafka=(\\S+) schema-registry=(http://\\S+) http=(http://127\\.0\\.0\\.1:\\d+)");

    @TempDir
    Path dataDir;

    @Test
    void purchaseBecomesCustomerValueAndARestartResumes() throws Exception {
        try (Started first = start()) {
            first.client().produce(purchase("o-1", "c-1", "500.00"));
            final CustomerValue value = first.client().awaitValue("c-1", 1);
            assertThat(value.getNetRevenue()).isEqualByComparingTo(new BigDecimal("500.00"));

            // Confluent's own Python client: AvroProducer writes a purchase with an Avro string key
            // (it cannot write plain ones), which the topology re-keys; the customer value is read back
            // with the plain UTF-8 key and Confluent's Avro MessageSerializer.
            final ConfluentPython python = ConfluentPython.in(dataDir);
            python.run("produce-keyed", first.client().bootstrap(), first.client().registryUrl(), "commerce.purchases",
                ConfluentPython.PURCHASE_SCHEMA.toString(), "c-py", "123.45");
            assertThat(python.run("consume-values", first.client().bootstrap(), first.client().registryUrl(), "clv.customer-values", "c-py"))
                .containsExactly("{\"key\": \"c-py\", \"netRevenue\": \"123.45\", \"orders\": 1}");
        }
        try (Started second = start()) {
            second.client().produce(purchase("o-2", "c-1", "300.00"));
            final CustomerValue value = second.client().awaitValue("c-1", 2);
            assertThat(value.getNetRevenue()).isEqualByComparingTo(new BigDecimal("800.00"));
        }
    }

    private Started start() throws InterruptedException {
        final ClvConfig config = ClvConfigLoader.of(Map.of(
            ClvConfig.DATA_DIR, dataDir.toString(),
            ClvConfig.KAFKA_PORT, String.valueOf(EmbeddedKafkaBroker.freePort()),
            ClvConfig.REGISTRY_PORT, "0",
            ClvConfig.HTTP_PORT, "0",
            "commit.interval.ms", "100"));
        final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final ClvRunner runner = ClvRunner.start(config, lines::add);
        final String ready = lines.poll(120, TimeUnit.SECONDS);
        assertThat(ready).as("ready line").isNotNull();
        final Matcher matcher = READY.matcher(ready);
        assertThat(matcher.matches()).as(ready).isTrue();
        return new Started(runner, new PurchaseRoundTrip(matcher.group(1), matcher.group(2)));
    }

    private record Started(ClvRunner runner, PurchaseRoundTrip client) implements AutoCloseable {
        @Override
        public void close() {
            runner.close();
        }
    }
}
