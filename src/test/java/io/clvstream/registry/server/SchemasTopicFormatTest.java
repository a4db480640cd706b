package io.clvstream.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.clvstream.registry.CompatibilityLevel;
import io.clvstream.registry.RegisteredSchema;
import io.clvstream.registry.SchemaStore;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class SchemasTopicFormatTest {

    private static final Schema STRING = Schema.create(Schema.Type.STRING);

    @Test
    void writesConfluentShapedKeysAndValues() {
        final RegisteredSchema registered = new RegisteredSchema("orders-value", 2, 7, STRING);
        assertThat(text(SchemasTopicFormat.schemaKey(registered)))
            .isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"orders-value\",\"version\":2,\"magic\":1}");
        assertThat(text(SchemasTopicFormat.schemaValue(registered)))
            .isEqualTo("{\"subject\":\"orders-value\",\"version\":2,\"id\":7,\"schema\":\"\\\"string\\\"\",\"deleted\":false}");
        assertThat(text(SchemasTopicFormat.configKey(null))).isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}");
        assertThat(text(SchemasTopicFormat.configValue(CompatibilityLevel.FULL))).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
    }

    @Test
    void replayRestoresSchemasAndLevelsAndSkipsWhatItDoesNotOffer() {
        final SchemaStore store = new SchemaStore();
        final RegisteredSchema registered = new RegisteredSchema("orders-value", 1, 7, STRING);
        SchemasTopicFormat.replay(SchemasTopicFormat.schemaKey(registered), SchemasTopicFormat.schemaValue(registered), store);
        SchemasTopicFormat.replay(SchemasTopicFormat.configKey("orders-value"), SchemasTopicFormat.configValue(CompatibilityLevel.NONE), store);
        SchemasTopicFormat.replay(SchemasTopicFormat.configKey(null), SchemasTopicFormat.configValue(CompatibilityLevel.FULL), store);
        SchemasTopicFormat.replay(bytes("{\"keytype\":\"NOOP\",\"magic\":0}"), bytes("{}"), store);
        SchemasTopicFormat.replay(bytes("{\"keytype\":\"SCHEMA\",\"subject\":\"gone\",\"version\":1,\"magic\":1}"),
            bytes("{\"subject\":\"gone\",\"version\":1,\"id\":8,\"schema\":\"\\\"int\\\"\",\"deleted\":true}"), store);
        SchemasTopicFormat.replay(SchemasTopicFormat.schemaKey(new RegisteredSchema("tomb", 1, 9, STRING)), null, store);

        assertThat(store.subjects()).containsExactly("orders-value");
        assertThat(store.byId(7)).isEqualTo(STRING);
        assertThat(store.subjectLevel("orders-value")).contains(CompatibilityLevel.NONE);
        assertThat(store.globalLevel()).isEqualTo(CompatibilityLevel.FULL);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
