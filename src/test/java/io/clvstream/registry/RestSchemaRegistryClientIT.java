package io.clvstream.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clvstream.registry.server.EmbeddedSchemaRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST client against the embedded registry, whose state lives in a real broker. */
class RestSchemaRegistryClientIT {

    private static final Schema V1 = SchemaBuilder.record("Order").namespace("test").fields()
        .requiredString("orderId").endRecord();
    private static final Schema V2_OPTIONAL = SchemaBuilder.record("Order").namespace("test").fields()
        .requiredString("orderId").name("channel").type().stringType().stringDefault("web").endRecord();
    private static final Schema V2_REQUIRED = SchemaBuilder.record("Order").namespace("test").fields()
        .requiredString("orderId").requiredLong("placedAt").endRecord();

    private static KafkaTestCluster kafka;
    private EmbeddedSchemaRegistry registry;
    private String subject;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = KafkaTestCluster.start();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @BeforeEach
    void startRegistry() {
        registry = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), "127.0.0.1", 0, Map.of());
        subject = "orders-" + UUID.randomUUID() + "-value";
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    private SchemaRegistryClient client(String urls) {
        return new RestSchemaRegistryClient(RegistryClientConfig.from(Map.of("schema.registry.url", urls)));
    }

    @Test
    void registersLooksUpAndFetchesByIdAndLatest() {
        final SchemaRegistryClient client = client(registry.url());
        final int id = client.register(subject, V1);

        assertThat(client.register(subject, V1)).as("registering again is idempotent").isEqualTo(id);
        assertThat(client.getId(subject, V1)).isEqualTo(id);
        assertThat(client.getById(id)).isEqualTo(V1);
        assertThat(client.getLatest(subject)).isEqualTo(new RegisteredSchema(subject, 1, id, V1));
        assertThatThrownBy(() -> client.getId(subject, V2_OPTIONAL))
            .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
        assertThatThrownBy(() -> client.getLatest("no-such-subject"))
            .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                assertThat(e.httpStatus()).isEqualTo(404);
                assertThat(e.errorCode()).isEqualTo(40401);
            });
        assertThatThrownBy(() -> client.getById(987654))
            .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
    }

    @Test
    void backwardCompatibleEvolutionIsAcceptedAndIncompatibleRejectedWithReadableMessage() {
        final SchemaRegistryClient client = client(registry.url());
        final int v1 = client.register(subject, V1);

        assertThat(client.testCompatibility(subject, V2_OPTIONAL)).isTrue();
        assertThat(client.register(subject, V2_OPTIONAL)).isNotEqualTo(v1);
        assertThat(client.getLatest(subject).version()).isEqualTo(2);

        assertThat(client.testCompatibility(subject, V2_REQUIRED)).isFalse();
        assertThatThrownBy(() -> client.register(subject, V2_REQUIRED))
            .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                assertThat(e.httpStatus()).isEqualTo(409);
                assertThat(e.errorCode()).isEqualTo(409);
                assertThat(e.registryMessage()).contains("incompatible", subject, "placedAt");
            });
    }

    @Test
    void configLevelDecidesTheOutcome() throws Exception {
        final SchemaRegistryClient client = client(registry.url());
        client.register(subject, V1);

        assertThat(http("GET", "/config", null).body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
        assertThat(http("GET", "/config/" + subject, null).body()).contains("40408");
        assertThat(http("PUT", "/config/" + subject, "{\"compatibility\":\"NONE\"}").body())
            .isEqualTo("{\"compatibility\":\"NONE\"}");
        assertThat(http("GET", "/config/" + subject, null).body()).isEqualTo("{\"compatibilityLevel\":\"NONE\"}");

        assertThat(client.testCompatibility(subject, V2_REQUIRED)).isTrue();
        assertThat(client.register(subject, V2_REQUIRED)).isPositive();

        final HttpResponse<String> bad = http("PUT", "/config", "{\"compatibility\":\"SOMETIMES\"}");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("\"error_code\":42203");
    }

    @Test
    void restartOnTheSameBrokerKeepsIdsVersionsAndConfig() throws Exception {
        final SchemaRegistryClient before = client(registry.url());
        final int v1 = before.register(subject, V1);
        final int v2 = before.register(subject, V2_OPTIONAL);
        http("PUT", "/config/" + subject, "{\"compatibility\":\"FULL\"}");
        registry.close();

        registry = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), "127.0.0.1", 0, Map.of());
        final SchemaRegistryClient after = client(registry.url());
        assertThat(after.getById(v1)).isEqualTo(V1);
        assertThat(after.getLatest(subject)).isEqualTo(new RegisteredSchema(subject, 2, v2, V2_OPTIONAL));
        assertThat(http("GET", "/config/" + subject, null).body()).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
        final Schema another = SchemaBuilder.record("Other").fields().requiredInt("x").endRecord();
        assertThat(after.register("other-" + subject, another)).as("new ids continue after the replayed ones")
            .isGreaterThan(Math.max(v1, v2));
    }

    @Test
    void failsOverFromADeadUrlToALiveOne() throws Exception {
        final SchemaRegistryClient client = client("http://127.0.0.1:" + freePort() + "," + registry.url());
        final int id = client.register(subject, V1);
        assertThat(client.getById(id)).isEqualTo(V1);
    }

    @Test
    void credentialsNeverAppearInExceptionsOrToString() throws Exception {
        final Map<String, Object> configs = new HashMap<>();
        configs.put("schema.registry.url", "http://alice:url-s3cret@127.0.0.1:" + freePort());
        final SchemaRegistryClient dead = new RestSchemaRegistryClient(RegistryClientConfig.from(configs));
        assertThatThrownBy(() -> dead.getById(1)).satisfies(e -> assertNoSecret(e, "url-s3cret"));
        assertThat(dead.toString()).doesNotContain("url-s3cret");

        configs.put("schema.registry.url", registry.url());
        configs.put("basic.auth.credentials.source", "USER_INFO");
        configs.put("basic.auth.user.info", "bob:info-s3cret");
        final SchemaRegistryClient live = SchemaRegistryClients.create(configs);
        assertThatThrownBy(() -> live.getLatest("missing")).satisfies(e -> assertNoSecret(e, "info-s3cret"));
        assertThat(live.toString()).doesNotContain("info-s3cret");
        assertThat(RegistryClientConfig.from(configs).toString()).doesNotContain("info-s3cret");
    }

    @Test
    void rejectsOtherSchemaTypesAndAcceptsEveryRegistryContentType() throws Exception {
        final HttpResponse<String> protobuf = http("POST", "/subjects/" + subject + "/versions",
            "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\"}");
        assertThat(protobuf.statusCode()).isEqualTo(422);
        assertThat(protobuf.body()).contains("\"error_code\":42201");
        final HttpResponse<String> broken = http("POST", "/subjects/" + subject + "/versions", "{\"schema\":\"{\\\"type\\\":\"}");
        assertThat(broken.statusCode()).isEqualTo(422);
        assertThat(broken.body()).contains("\"error_code\":42201");

        for (String type : new String[] {"application/vnd.schemaregistry.v1+json", "application/vnd.schemaregistry+json", "application/json"}) {
            final HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(registry.url() + "/subjects/" + subject + "/versions"))
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString("{\"schemaType\":\"AVRO\",\"schema\":\"\\\"string\\\"\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(type).isEqualTo(200);
            assertThat(answer.body()).matches("\\{\"id\":\\d+}");
        }
        assertThat(http("GET", "/subjects/" + subject + "/versions", null).body()).isEqualTo("[1]");
        assertThat(http("GET", "/subjects/" + subject + "/versions/1/schema", null).body()).isEqualTo("\"string\"");
        assertThat(http("GET", "/", null).body()).isEqualTo("{}");
        final HttpResponse<String> unknown = http("GET", "/no/such/endpoint", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"error_code\":404");
    }

    @Test
    void listsSubjectsAndWhereAnIdIsUsed() throws Exception {
        final SchemaRegistryClient client = client(registry.url());
        final int id = client.register(subject, V1);
        assertThat(client.register("copy-" + subject, V1)).as("one id per distinct schema").isEqualTo(id);

        assertThat(http("GET", "/subjects", null).body()).contains(subject, "copy-" + subject);
        assertThat(http("GET", "/schemas/ids/" + id + "/versions", null).body())
            .contains("{\"subject\":\"" + subject + "\",\"version\":1}", "{\"subject\":\"copy-" + subject + "\",\"version\":1}");
        assertThat(http("GET", "/schemas/ids/" + id + "/subjects", null).body()).contains("\"copy-" + subject + "\"");
        assertThat(http("GET", "/subjects/" + subject + "/versions/latest", null).body())
            .contains("\"subject\":\"" + subject + "\"", "\"version\":1", "\"id\":" + id);
    }

    private static void assertNoSecret(Throwable e, String secret) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
            assertThat(t.toString()).doesNotContain(secret);
        }
    }

    private HttpResponse<String> http(String method, String path, String body) throws IOException, InterruptedException {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(registry.url() + path))
            .header("Content-Type", "application/vnd.schemaregistry.v1+json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A port nothing listens on (bound, then released). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
