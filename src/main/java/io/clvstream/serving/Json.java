package io.clvstream.serving;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

/** The one JSON mapper of the REST API: decimals written plainly (never {@code 1E+3}), as numbers. */
final class Json {

    /** Peers' decimals are read back as BigDecimal, so merged money figures stay exact. */
    static final ObjectMapper MAPPER = new ObjectMapper()
        .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private Json() {
    }

    static void reply(Context ctx, int status, JsonNode body) {
        try {
            ctx.status(status).contentType("application/json").result(MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON", e);
        }
    }

    static void ok(Context ctx, JsonNode body) {
        reply(ctx, 200, body);
    }

    /** {@code {"status": 404, "error": "..."}}: every error of the API has this shape. */
    static void error(Context ctx, int status, String message) {
        final ObjectNode body = MAPPER.createObjectNode().put("status", status).put("error", message);
        reply(ctx, status, body);
    }

    static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Peer answered with invalid JSON", e);
        }
    }
}
