package io.clvstream.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clvstream.avro.Purchase;
import io.clvstream.config.ClvConfig;
import io.clvstream.config.ClvConfigLoader;
import io.clvstream.registry.KafkaTestCluster;
import io.clvstream.registry.MockSchemaRegistry;
import io.clvstream.topology.ClvTopology;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of one application (same application.id, own state directories and HTTP ports) on
 * a real broker with 2 partitions: either instance answers for every customer, proxying to the owner,
 * and the top list and segments merge both instances' state.
 */
class RestTwoInstancesIT {

    private static final String SCOPE = "rest-two-instances-it";
    private static final String REGISTRY = "mock://" + SCOPE;
    private static final Pattern HTTP = Pattern.compile(".* http=(http://\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CUSTOMERS = 8;

    @RegisterExtension
    static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    @TempDir
    Path dirA;
    @TempDir
    Path dirB;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void dropScope() {
        MockSchemaRegistry.dropScope(SCOPE);
    }

    @Test
    void eitherInstanceAnswersForEveryCustomerAndListsMergeBoth() throws Exception {
        final LinkedBlockingQueue<String> readyA = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<String> readyB = new LinkedBlockingQueue<>();
        try (ClvRunner a = ClvRunner.start(config(dirA), readyA::add);
             ClvRunner b = ClvRunner.start(config(dirB), readyB::add)) {
            final String urlA = url(readyA.poll(120, TimeUnit.SECONDS));
            final String urlB = url(readyB.poll(120, TimeUnit.SECONDS));
            final PurchaseRoundTrip client = new PurchaseRoundTrip(KAFKA.bootstrapServers(), REGISTRY);
            for (int i = 1; i <= CUSTOMERS; i++) {
                client.produce(purchase("o-" + i, "c-" + i, i * 100 + ".00"));
            }

            // Both instances in the group, each with its share of the customers, all purchases applied.
            final JsonNode top = await(urlA + "/customers/top?n=100&by=netRevenue",
                body -> body.get("instances").asInt() == 2 && body.get("customers").size() == CUSTOMERS);
            assertThat(top.get("customers").get(0).get("customerId").asText()).isEqualTo("c-" + CUSTOMERS);

            final Set<String> answeredBy = new HashSet<>();
            for (int i = 1; i <= CUSTOMERS; i++) {
                for (final String base : List.of(urlA, urlB)) {
                    final HttpResponse<String> response = get(base + "/customers/c-" + i);
                    assertThat(response.statusCode()).as(base + " c-" + i).isEqualTo(200);
                    final JsonNode customer = JSON.readTree(response.body());
                    assertThat(customer.get("netRevenue").decimalValue()).isEqualByComparingTo(new BigDecimal(i * 100));
                    assertThat(customer.get("tierStanding").get("tier").asText()).isEqualTo(i >= 5 ? "silver" : "bronze");
                    answeredBy.add(base + " <- " + response.headers().firstValue("X-Clv-Instance").orElseThrow());
                }
            }
            // From each instance, some customers were answered by the other one (proxied).
            assertThat(answeredBy).as("customer-state owners: %s", owners(a)).hasSize(4);

            final JsonNode top3 = JSON.readTree(get(urlB + "/customers/top?n=3&by=historicClv").body());
            assertThat(top3.get("customers").findValuesAsText("customerId")).containsExactly("c-8", "c-7", "c-6");

            final HttpResponse<String> unknown = get(urlB + "/customers/nobody");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(unknown.body()).get("error").asText()).isEqualTo("Unknown customer nobody");
            assertThat(get(urlA + "/customers/top?by=bogus").statusCode()).isEqualTo(400);

            final JsonNode base = await(urlB + "/segments/*", body -> body.path("customers").asInt() == CUSTOMERS);
            assertThat(base.get("netRevenue").decimalValue()).isEqualByComparingTo("3600");
            final JsonNode segments = await(urlA + "/segments", body -> body.get("segments").size() == 2);
            assertThat(segments.get("segments").findValuesAsText("segment")).containsExactly("*", "unknown");
            assertThat(get(urlA + "/segments/vip").statusCode()).isEqualTo(404);
            assertThat(get(urlA + "/model").statusCode()).isEqualTo(404);
            assertThat(get(urlA + "/ready").statusCode()).isEqualTo(200);
            assertThat(get(urlB + "/health").statusCode()).isEqualTo(200);

            final String metricsA = get(urlA + "/metrics").body();
            final String metricsB = get(urlB + "/metrics").body();
            assertThat(metricsA).contains("kafka_stream_", "clv_events_processed_total{type=\"purchase\"}",
                "clv_dead_letters_total{reason=\"NEGATIVE_AMOUNT\"}", "clv_end_to_end_lag_seconds_bucket",
                "clv_model_version", "jvm_memory_used_bytes");
            assertThat(purchases(metricsA) + purchases(metricsB)).isEqualTo(CUSTOMERS);
        }
    }

    private ClvConfig config(Path dataDir) {
        return ClvConfigLoader.of(Map.of(
            ClvConfig.BOOTSTRAP_SERVERS, KAFKA.bootstrapServers(),
            ClvConfig.SCHEMA_REGISTRY_URL, REGISTRY,
            ClvConfig.DATA_DIR, dataDir.toString(),
            ClvConfig.PARTITIONS, "2",
            ClvConfig.HTTP_PORT, "0",
            "commit.interval.ms", "100",
            "clv.segments.sketch.interval", "PT1S"));
    }

    private static Purchase purchase(String orderId, String customerId, String amount) {
        // Recent, so the 12-month tier metric counts it: 500 and more is silver.
        return Purchase.newBuilder().setOrderId(orderId).setCustomerId(customerId).setOccurredAt(Instant.now())
            .setAmount(new BigDecimal(amount)).setCurrency("USD").build();
    }

    private static String url(String readyLine) {
        assertThat(readyLine).as("ready line").isNotNull();
        final Matcher matcher = HTTP.matcher(readyLine);
        assertThat(matcher.matches()).as(readyLine).isTrue();
        return matcher.group(1);
    }

    private static String owners(ClvRunner runner) {
        final KafkaStreams streams = runner.streams().orElseThrow();
        final List<String> owners = new ArrayList<>();
        for (int i = 1; i <= CUSTOMERS; i++) {
            final HostInfo host = streams.queryMetadataForKey(ClvTopology.CUSTOMER_STATE_STORE, "c-" + i,
                new StringSerializer()).activeHost();
            owners.add("c-" + i + "@" + host.port());
        }
        return owners.toString();
    }

    private static long purchases(String metrics) {
        return metrics.lines().filter(line -> line.startsWith("clv_events_processed_total{type=\"purchase\"}"))
            .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Polls {@code url} until it answers 200 with a body matching {@code done}. */
    private JsonNode await(String url, Predicate<JsonNode> done) throws Exception {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String last = "";
        while (System.nanoTime() < deadline) {
            final HttpResponse<String> response = get(url);
            last = response.statusCode() + " " + response.body();
            if (response.statusCode() == 200) {
                final JsonNode body = JSON.readTree(response.body());
                if (done.test(body)) {
                    return body;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("No matching answer from " + url + "; last: " + last);
    }
}
