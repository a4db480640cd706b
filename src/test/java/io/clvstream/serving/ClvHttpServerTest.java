package io.clvstream.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clvstream.customer.Population;
import io.clvstream.metrics.ClvMetrics;
import io.clvstream.topology.DeadLetterCounter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server before Kafka Streams exists: alive, not ready, queries 503, metrics served. */
class ClvHttpServerTest {

    private final DeadLetterCounter deadLetters = new DeadLetterCounter();
    private final ClvMetrics metrics = new ClvMetrics(deadLetters);
    private final HttpClient client = HttpClient.newHttpClient();
    private ClvHttpServer server;

    @BeforeEach
    void start() {
        server = ClvHttpServer.start("127.0.0.1", 0, Map.of(), new ServingStreams(), ModelSource.NONE,
            Population.NONE, metrics::scrape);
    }

    @AfterEach
    void stop() {
        server.close();
        metrics.close();
    }

    @Test
    void aliveButNotReadyBeforeStreamsRuns() throws Exception {
        assertThat(get("/health").statusCode()).isEqualTo(200);
        final HttpResponse<String> ready = get("/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(Json.parse(ready.body()).get("state").asText()).isEqualTo("NOT_CREATED");
    }

    @Test
    void queriesAre503WithAJsonErrorUntilStreamsRuns() throws Exception {
        final HttpResponse<String> customer = get("/customers/c-1");
        assertThat(customer.statusCode()).isEqualTo(503);
        final JsonNode error = Json.parse(customer.body());
        assertThat(error.get("status").asInt()).isEqualTo(503);
        assertThat(error.get("error").asText()).contains("NOT_CREATED");
        assertThat(get("/customers/top?n=5").statusCode()).isEqualTo(503);
        assertThat(get("/segments").statusCode()).isEqualTo(503);
    }

    @Test
    void modelIs404WithoutAFit() throws Exception {
        final HttpResponse<String> model = get("/model");
        assertThat(model.statusCode()).isEqualTo(404);
        assertThat(Json.parse(model.body()).get("error").asText()).isEqualTo("no model fitted yet");
    }

    @Test
    void unknownPathIsAJson404() throws Exception {
        final HttpResponse<String> response = get("/nope");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Json.parse(response.body()).get("error").asText()).contains("/nope");
    }

    @Test
    void metricsInPrometheusFormatWithApplicationSeries() throws Exception {
        metrics.eventProcessed("PURCHASE", 1_000, 1_250);
        metrics.eventProcessed("REFUND", 1_000, 3_000);
        metrics.tierChanged("UP");
        metrics.alertEmitted("HIGH_VALUE");
        metrics.modelFitted(7, 1.5);
        deadLetters.increment("NEGATIVE_AMOUNT");
        deadLetters.increment("SOMETHING_NEW");

        final HttpResponse<String> response = get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(response.body()).contains(
            "clv_events_processed_total{type=\"purchase\"} 1.0",
            "clv_events_processed_total{type=\"refund\"} 1.0",
            "clv_events_processed_total{type=\"signup\"} 0.0",
            "clv_dead_letters_total{reason=\"NEGATIVE_AMOUNT\"} 1.0",
            "clv_dead_letters_total{reason=\"SOMETHING_NEW\"} 1.0",
            "clv_dead_letters_total{reason=\"MALFORMED_AVRO\"} 0.0",
            "clv_tier_changes_total{direction=\"up\"} 1.0",
            "clv_alerts_total{type=\"HIGH_VALUE\"} 1.0",
            "clv_model_version 7.0",
            "clv_model_fit_duration_seconds_sum 1.5",
            "clv_end_to_end_lag_seconds_bucket{le=\"0.5\"} 1",
            "clv_end_to_end_lag_seconds_count 2",
            "jvm_memory_used_bytes");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    }
}
