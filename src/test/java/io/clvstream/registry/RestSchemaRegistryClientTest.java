package io.clvstream.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The REST client's HTTP behaviour against tiny JDK servers that record what they receive. */
class RestSchemaRegistryClientTest {

    private static final String SCHEMA_ANSWER = "{\"schema\":\"\\\"string\\\"\"}";

    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
    private final List<HttpExchangeRecord> received = new CopyOnWriteArrayList<>();

    private record HttpExchangeRecord(int server, String method, String path, String authorization, String contentType) {
    }

    private record Answer(int status, String body) {
    }

    @AfterEach
    void stopServers() {
        servers.forEach(s -> s.stop(0));
    }

    /** Starts a server on an ephemeral loopback port answering with {@code answer}; returns its URL. */
    private String server(Function<HttpExchange, Answer> answer) throws IOException {
        final HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        final int index = servers.size();
        server.createContext("/", exchange -> {
            received.add(new HttpExchangeRecord(index, exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("Content-Type")));
            exchange.getRequestBody().readAllBytes();
            final Answer reply = answer.apply(exchange);
            final byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
            exchange.sendResponseHeaders(reply.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        servers.add(server);
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static SchemaRegistryClient client(Map<String, String> configs) {
        return new RestSchemaRegistryClient(RegistryClientConfig.from(configs));
    }

    @Test
    void sendsBasicAuthFromUserInfoSetting() throws IOException {
        final String url = server(e -> new Answer(200, "{\"id\":7}"));
        final SchemaRegistryClient client = client(Map.of("schema.registry.url", url,
            "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "alice:s3cret"));

        assertThat(client.register("orders-value", Schema.create(Schema.Type.STRING))).isEqualTo(7);
        final HttpExchangeRecord request = received.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/subjects/orders-value/versions");
        assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(request.authorization())
            .isEqualTo("Basic " + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void sendsBasicAuthFromUserInfoInTheUrlButNotTheUrlItself() throws IOException {
        final String url = server(e -> new Answer(200, SCHEMA_ANSWER));
        final SchemaRegistryClient client = client(Map.of("schema.registry.url", url.replace("//", "//bob:pa%3Ass@")));

        assertThat(client.getById(3)).isEqualTo(Schema.create(Schema.Type.STRING));
        assertThat(received.get(0).path()).isEqualTo("/schemas/ids/3");
        assertThat(received.get(0).authorization())
            .isEqualTo("Basic " + Base64.getEncoder().encodeToString("bob:pa:ss".getBytes(StandardCharsets.UTF_8)));
        assertThat(client.toString()).doesNotContain("pa%3Ass", "bob");
    }

    @Test
    void sendsNoAuthorizationWithoutCredentials() throws IOException {
        final String url = server(e -> new Answer(200, SCHEMA_ANSWER));
        client(Map.of("schema.registry.url", url)).getById(1);
        assertThat(received.get(0).authorization()).isNull();
    }

    @Test
    void surfacesRegistryErrorCodeAndMessageWithoutCredentials() throws IOException {
        final String url = server(e -> new Answer(422, "{\"error_code\":42201,\"message\":\"Invalid schema\"}"));
        final SchemaRegistryClient client = client(Map.of("schema.registry.url", url,
            "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "alice:s3cret"));

        assertThatThrownBy(() -> client.register("x-value", Schema.create(Schema.Type.INT)))
            .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                assertThat(e.httpStatus()).isEqualTo(422);
                assertThat(e.errorCode()).isEqualTo(42201);
                assertThat(e.registryMessage()).isEqualTo("Invalid schema");
                assertThat(e.getMessage()).doesNotContain("s3cret", "alice");
            });
    }

    @Test
    void failsOverOn5xxAndRemembersTheUrlThatAnswered() throws IOException {
        final String broken = server(e -> new Answer(503, "{\"error_code\":50003,\"message\":\"leader unknown\"}"));
        final String healthy = server(e -> new Answer(200, SCHEMA_ANSWER));
        final SchemaRegistryClient client = client(Map.of("schema.registry.url", broken + ", " + healthy));

        client.getById(1);
        client.getById(2);
        assertThat(received).extracting(HttpExchangeRecord::server).containsExactly(0, 1, 1);
    }

    @Test
    void doesNotFailOverOn4xx() throws IOException {
        final String first = server(e -> new Answer(404, "{\"error_code\":40403,\"message\":\"Schema 1 not found\"}"));
        final String second = server(e -> new Answer(200, SCHEMA_ANSWER));
        final SchemaRegistryClient client = client(Map.of("schema.registry.url", first + "," + second));

        assertThatThrownBy(() -> client.getById(1))
            .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
        assertThat(received).extracting(HttpExchangeRecord::server).containsExactly(0);
    }

    @Test
    void lastServerErrorIsReportedWhenEveryUrlFails() throws IOException {
        final String url = server(e -> new Answer(500, "{\"error_code\":50001,\"message\":\"store error\"}"));
        assertThatThrownBy(() -> client(Map.of("schema.registry.url", url)).getById(1))
            .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(50001));
    }

    @Test
    void cachingClientAsksTheRegistryOncePerIdAndPerSubjectSchema() throws IOException {
        final String url = server(e -> new Answer(200, e.getRequestURI().getPath().startsWith("/schemas") ? SCHEMA_ANSWER : "{\"id\":5}"));
        final SchemaRegistryClient client = SchemaRegistryClients.create(Map.of("schema.registry.url", url));
        final Schema string = Schema.create(Schema.Type.STRING);

        assertThat(client).isInstanceOf(CachedSchemaRegistryClient.class);
        assertThat(client.register("a-value", string)).isEqualTo(5);
        assertThat(client.register("a-value", string)).isEqualTo(5);
        assertThat(client.getId("a-value", string)).isEqualTo(5);
        assertThat(client.getById(5)).as("known from registering").isEqualTo(string);
        assertThat(client.getById(9)).isEqualTo(string);
        assertThat(client.getById(9)).isEqualTo(string);
        assertThat(received).extracting(HttpExchangeRecord::path).containsExactly("/subjects/a-value/versions", "/schemas/ids/9");
    }

    @Test
    void encodesSubjectsInPaths() throws IOException {
        final String url = server(e -> new Answer(200, "{\"is_compatible\":true}"));
        assertThat(client(Map.of("schema.registry.url", url)).testCompatibility("odd subject/é", Schema.create(Schema.Type.INT))).isTrue();
        assertThat(received.get(0).path()).isEqualTo("/compatibility/subjects/odd%20subject%2F%C3%A9/versions/latest");
    }
}
