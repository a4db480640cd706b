package io.clvstream.registry.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clvstream.registry.CompatibilityLevel;
import io.clvstream.registry.RegisteredSchema;
import io.clvstream.registry.SchemaRegistryException;
import io.clvstream.registry.SchemaStore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subset of Confluent's Schema Registry REST API that Avro serializers and everyday tooling
 * use, over a {@link SchemaStore}. Request bodies are read as JSON whatever their declared content
 * type ({@code application/vnd.schemaregistry.v1+json}, {@code application/vnd.schemaregistry+json}
 * or {@code application/json}); answers are {@code application/vnd.schemaregistry.v1+json}, and
 * errors are {@code {"error_code": N, "message": "..."}} like Confluent's.
 */
final class RegistryRoutes {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Logger LOG = LoggerFactory.getLogger(RegistryRoutes.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchemaStore store;

    private RegistryRoutes(SchemaStore store) {
        this.store = store;
    }

    static void install(Javalin app, SchemaStore store) {
        final RegistryRoutes routes = new RegistryRoutes(store);
        app.get("/", ctx -> reply(ctx, JSON.createObjectNode()));
        app.get("/schemas/types", ctx -> reply(ctx, JSON.createArrayNode().add("AVRO")));
        app.get("/subjects", ctx -> reply(ctx, JSON.valueToTree(store.subjects())));
        app.get("/subjects/{subject}/versions", routes::versions);
        app.post("/subjects/{subject}/versions", routes::register);
        app.post("/subjects/{subject}", routes::lookup);
        app.get("/subjects/{subject}/versions/{version}", ctx -> reply(ctx, describe(routes.version(ctx))));
        app.get("/subjects/{subject}/versions/{version}/schema", ctx -> reply(ctx, JSON.readTree(routes.version(ctx).schema().toString())));
        app.get("/schemas/ids/{id}", ctx -> reply(ctx, JSON.createObjectNode().put("schema", store.byId(id(ctx)).toString())));
        app.get("/schemas/ids/{id}/versions", routes::usages);
        app.get("/schemas/ids/{id}/subjects", routes::usageSubjects);
        app.post("/compatibility/subjects/{subject}/versions/{version}", routes::compatibility);
        app.get("/config", ctx -> reply(ctx, JSON.createObjectNode().put("compatibilityLevel", store.globalLevel().name())));
        app.put("/config", ctx -> routes.setLevel(ctx, null));
        app.get("/config/{subject}", routes::subjectLevel);
        app.put("/config/{subject}", ctx -> routes.setLevel(ctx, ctx.pathParam("subject")));

        app.exception(SchemaRegistryException.class, (e, ctx) -> error(ctx, e.httpStatus(), e.errorCode(), e.registryMessage()));
        app.exception(JsonProcessingException.class, (e, ctx) -> error(ctx, 400, 400, "Request body is not valid JSON"));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("Schema registry request {} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, 50001, "Internal error: " + e.getClass().getSimpleName());
        });
        // Javalin's own 404 (no such endpoint) becomes a registry-style error; ours already are.
        app.error(404, ctx -> {
            final String type = ctx.res().getContentType();
            if (type == null || !type.startsWith(CONTENT_TYPE)) {
                error(ctx, 404, 404, "HTTP 404 Not Found");
            }
        });
        app.error(405, ctx -> error(ctx, 405, 405, "HTTP 405 Method Not Allowed"));
    }

    private void versions(Context ctx) {
        final ArrayNode numbers = JSON.createArrayNode();
        store.versions(ctx.pathParam("subject")).forEach(v -> numbers.add(v.version()));
        reply(ctx, numbers);
    }

    private void register(Context ctx) throws JsonProcessingException {
        final RegisteredSchema registered = store.register(ctx.pathParam("subject"), schemaOf(ctx));
        reply(ctx, JSON.createObjectNode().put("id", registered.id()));
    }

    private void lookup(Context ctx) throws JsonProcessingException {
        reply(ctx, describe(store.lookup(ctx.pathParam("subject"), schemaOf(ctx))));
    }

    private RegisteredSchema version(Context ctx) {
        return store.version(ctx.pathParam("subject"), ctx.pathParam("version"));
    }

    private void usages(Context ctx) {
        final ArrayNode usages = JSON.createArrayNode();
        for (RegisteredSchema usage : usagesOf(id(ctx))) {
            usages.addObject().put("subject", usage.subject()).put("version", usage.version());
        }
        reply(ctx, usages);
    }

    private void usageSubjects(Context ctx) {
        reply(ctx, JSON.valueToTree(usagesOf(id(ctx)).stream().map(RegisteredSchema::subject).distinct().toList()));
    }

    private List<RegisteredSchema> usagesOf(int id) {
        store.byId(id);
        return store.usagesOf(id);
    }

    /** Against "latest" the subject's level decides (transitive levels check every version); against a number, that version only. */
    private void compatibility(Context ctx) throws JsonProcessingException {
        final String subject = ctx.pathParam("subject");
        final String version = ctx.pathParam("version");
        final Schema schema = schemaOf(ctx);
        final List<String> problems;
        if ("latest".equals(version) || "-1".equals(version)) {
            problems = store.incompatibilities(subject, schema);
        } else {
            problems = store.compatibilityLevel(subject).incompatibilities(schema, List.of(store.version(subject, version).schema()));
        }
        final ObjectNode answer = JSON.createObjectNode().put("is_compatible", problems.isEmpty());
        if (Boolean.parseBoolean(ctx.queryParam("verbose"))) {
            answer.set("messages", JSON.valueToTree(problems));
        }
        reply(ctx, answer);
    }

    /** Confluent answers GET with "compatibilityLevel" but PUT with "compatibility"; clients rely on both. */
    private void subjectLevel(Context ctx) {
        final String subject = ctx.pathParam("subject");
        final CompatibilityLevel level = store.subjectLevel(subject).orElseGet(() -> {
            if (Boolean.parseBoolean(ctx.queryParam("defaultToGlobal"))) {
                return store.globalLevel();
            }
            throw new SchemaRegistryException(404, SchemaRegistryException.SUBJECT_LEVEL_NOT_CONFIGURED,
                "Subject '" + subject + "' does not have subject-level compatibility configured");
        });
        reply(ctx, JSON.createObjectNode().put("compatibilityLevel", level.name()));
    }

    private void setLevel(Context ctx, String subjectOrNull) throws JsonProcessingException {
        final JsonNode body = JSON.readTree(ctx.body());
        final CompatibilityLevel level = CompatibilityLevel.parse(body.path("compatibility").asText(null));
        store.setCompatibility(subjectOrNull, level);
        reply(ctx, JSON.createObjectNode().put("compatibility", level.name()));
    }

    private static Schema schemaOf(Context ctx) throws JsonProcessingException {
        final JsonNode body = JSON.readTree(ctx.body());
        final String type = body.path("schemaType").asText("AVRO");
        if (!"AVRO".equals(type)) {
            throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_SCHEMA,
                "Invalid schema type " + type + ": this registry stores AVRO schemas only");
        }
        if (body.path("references").size() > 0) {
            throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_SCHEMA,
                "Invalid schema: schema references are not supported by this registry");
        }
        if (!body.path("schema").isTextual()) {
            throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_SCHEMA,
                "Invalid schema: the request needs a \"schema\" string");
        }
        return SchemaStore.parse(body.get("schema").asText());
    }

    private static ObjectNode describe(RegisteredSchema registered) {
        return JSON.createObjectNode()
            .put("subject", registered.subject())
            .put("version", registered.version())
            .put("id", registered.id())
            .put("schema", registered.schema().toString());
    }

    private static int id(Context ctx) {
        try {
            return Integer.parseInt(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new SchemaRegistryException(404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + ctx.pathParam("id") + " not found");
        }
    }

    private static void reply(Context ctx, JsonNode body) {
        ctx.contentType(CONTENT_TYPE).result(body.toString());
    }

    private static void error(Context ctx, int status, int code, String message) {
        ctx.status(status);
        reply(ctx, JSON.createObjectNode().put("error_code", code).put("message", message));
    }
}
