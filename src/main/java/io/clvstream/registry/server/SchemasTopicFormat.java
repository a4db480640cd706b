package io.clvstream.registry.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clvstream.registry.CompatibilityLevel;
import io.clvstream.registry.RegisteredSchema;
import io.clvstream.registry.SchemaStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records of the {@code _schemas} topic, in the JSON shapes Confluent Schema Registry uses so
 * the topic reads familiarly with any console consumer:
 * <pre>
 * key   {"keytype":"SCHEMA","subject":"s","version":1,"magic":1}
 * value {"subject":"s","version":1,"id":7,"schema":"{...}","deleted":false}
 * key   {"keytype":"CONFIG","subject":null,"magic":0}        (null subject = global level)
 * value {"compatibilityLevel":"BACKWARD"}
 * </pre>
 * Keys are written with a fixed field order: the topic is compacted, so the key bytes of one
 * subject version (or one config scope) must always be identical for the newest value to win.
 * Records of other types (Confluent's NOOP, MODE, DELETE_SUBJECT...) and soft-deleted or
 * tombstoned entries are skipped on replay: this registry does not delete.
 */
final class SchemasTopicFormat {

    private static final Logger LOG = LoggerFactory.getLogger(SchemasTopicFormat.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemasTopicFormat() {
    }

    static byte[] schemaKey(RegisteredSchema registered) {
        final ObjectNode key = JSON.createObjectNode();
        key.put("keytype", "SCHEMA");
        key.put("subject", registered.subject());
        key.put("version", registered.version());
        key.put("magic", 1);
        return bytes(key);
    }

    static byte[] schemaValue(RegisteredSchema registered) {
        final ObjectNode value = JSON.createObjectNode();
        value.put("subject", registered.subject());
        value.put("version", registered.version());
        value.put("id", registered.id());
        value.put("schema", registered.schema().toString());
        value.put("deleted", false);
        return bytes(value);
    }

    static byte[] configKey(String subjectOrNull) {
        final ObjectNode key = JSON.createObjectNode();
        key.put("keytype", "CONFIG");
        key.put("subject", subjectOrNull);
        key.put("magic", 0);
        return bytes(key);
    }

    static byte[] configValue(CompatibilityLevel level) {
        return bytes(JSON.createObjectNode().put("compatibilityLevel", level.name()));
    }

    /** Applies one record of the topic to {@code store}. */
    static void replay(byte[] keyBytes, byte[] valueBytes, SchemaStore store) {
        final JsonNode key = read(keyBytes);
        if (valueBytes == null) {
            return;
        }
        final JsonNode value = read(valueBytes);
        switch (key.path("keytype").asText()) {
            case "SCHEMA" -> {
                if (value.path("deleted").asBoolean(false) || !"AVRO".equals(value.path("schemaType").asText("AVRO"))) {
                    LOG.info("Skipping deleted or non-Avro schema {} version {} in the schemas topic",
                        value.path("subject").asText(), value.path("version").asInt());
                    return;
                }
                store.apply(new RegisteredSchema(value.path("subject").asText(), value.path("version").asInt(),
                    value.path("id").asInt(), SchemaStore.parse(value.path("schema").asText())));
            }
            case "CONFIG" -> {
                final JsonNode subject = key.get("subject");
                store.applyCompatibility(subject == null || subject.isNull() ? null : subject.asText(),
                    CompatibilityLevel.parse(value.path("compatibilityLevel").asText()));
            }
            default -> {
                // NOOP and the record types of features this registry does not offer.
            }
        }
    }

    private static JsonNode read(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable record in the schemas topic", e);
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
