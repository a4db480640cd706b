package io.clvstream.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;

/**
 * A {@link SchemaRegistryClient} speaking Confluent's Schema Registry REST protocol, so it works
 * with Confluent Platform/Cloud, Karapace, Apicurio (ccompat API), Redpanda and our embedded
 * registry. Uncached: wrap it in {@link CachedSchemaRegistryClient} (as
 * {@link SchemaRegistryClients#create} does) so the hot path does not call out per record.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

    private final RegistryTransport transport;

    public RestSchemaRegistryClient(RegistryClientConfig config) {
        this.transport = new RegistryTransport(config);
    }

    @Override
    public int register(String subject, Schema schema) {
        return transport.send("POST", "/subjects/" + encode(subject) + "/versions", body(schema)).path("id").asInt();
    }

    @Override
    public int getId(String subject, Schema schema) {
        return transport.send("POST", "/subjects/" + encode(subject), body(schema)).path("id").asInt();
    }

    @Override
    public Schema getById(int id) {
        return schema(transport.send("GET", "/schemas/ids/" + id, null));
    }

    @Override
    public RegisteredSchema getLatest(String subject) {
        final JsonNode node = transport.send("GET", "/subjects/" + encode(subject) + "/versions/latest", null);
        return new RegisteredSchema(node.path("subject").asText(subject), node.path("version").asInt(),
            node.path("id").asInt(), schema(node));
    }

    @Override
    public boolean testCompatibility(String subject, Schema schema) {
        try {
            return transport.send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest", body(schema))
                .path("is_compatible").asBoolean();
        } catch (SchemaRegistryException e) {
            // Older registries answer 40401 for a subject without versions; any schema may start one.
            if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND) {
                return true;
            }
            throw e;
        }
    }

    @Override
    public String toString() {
        return "RestSchemaRegistryClient" + transport.urls();
    }

    private static JsonNode body(Schema schema) {
        final ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("schema", schema.toString());
        return body;
    }

    private static Schema schema(JsonNode node) {
        final String type = node.path("schemaType").asText("AVRO");
        if (!"AVRO".equalsIgnoreCase(type)) {
            throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_SCHEMA,
                "Registry returned a " + type + " schema; clv-stream reads Avro only");
        }
        return SchemaStore.parse(node.path("schema").asText());
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
