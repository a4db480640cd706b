package io.clvstream.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.clvstream.app.broker.EmbeddedKafkaBroker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bounded retry with backoff while the registry cannot answer; a 4xx verdict is never retried. */
class RegistryRetryTest {

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A registry answering {@code failures} times with {@code failureStatus}, then with a schema. */
    private String registry(int failures, int failureStatus) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            final boolean fail = requests.incrementAndGet() <= failures;
            final byte[] body = (fail ? "{\"error_code\":" + failureStatus + "01,\"message\":\"no\"}" : "{\"schema\":\"\\\"string\\\"\"}")
                .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(fail ? failureStatus : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static SchemaRegistryClient client(String url, long timeoutMs) {
        return new RestSchemaRegistryClient(RegistryClientConfig.from(Map.of("schema.registry.url", url,
            "schema.registry.retry.timeout.ms", String.valueOf(timeoutMs), "schema.registry.retry.backoff.ms", "10")));
    }

    @Test
    void retriesServerErrorsUntilTheRegistryAnswers() throws IOException {
        assertThat(client(registry(3, 503), 5_000).getById(1)).isEqualTo(Schema.create(Schema.Type.STRING));
        assertThat(requests).hasValue(4);
    }

    @Test
    void neverRetriesAVerdict() throws IOException {
        final SchemaRegistryClient client = client(registry(1, 404), 5_000);
        assertThatThrownBy(() -> client.getById(1)).isInstanceOfSatisfying(SchemaRegistryException.class,
            e -> assertThat(e.isUnavailable()).isFalse());
        assertThat(requests).hasValue(1);
    }

    @Test
    void givesUpAfterTheRetryTimeout() {
        final SchemaRegistryClient client = client("http://127.0.0.1:" + EmbeddedKafkaBroker.freePort(), 400);
        final long start = System.nanoTime();
        assertThatThrownBy(() -> client.getById(1)).isInstanceOfSatisfying(SchemaRegistryException.class,
            e -> assertThat(e.isUnavailable()).isTrue());
        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(400L, 5_000L);
    }

    @Test
    void withoutARetryTimeoutFailsAtOnce() throws IOException {
        assertThatThrownBy(() -> client(registry(1, 503), 0).getById(1)).isInstanceOf(SchemaRegistryException.class);
        assertThat(requests).hasValue(1);
    }
}
