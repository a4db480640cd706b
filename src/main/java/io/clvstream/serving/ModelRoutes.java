package io.clvstream.serving;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clvstream.avro.ModelParams;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Optional;

/** {@code GET /model}: the current model parameters and the fit history, from a {@link ModelSource}. */
final class ModelRoutes {

    private final ModelSource models;

    ModelRoutes(ModelSource models) {
        this.models = models;
    }

    void install(Javalin app) {
        app.get("/model", this::model);
    }

    private void model(Context ctx) {
        final Optional<ModelParams> current = models.current();
        if (current.isEmpty()) {
            Json.error(ctx, 404, "no model fitted yet");
            return;
        }
        final ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("current", AvroJson.of(current.get()));
        final ArrayNode history = body.putArray("history");
        models.history().forEach(fit -> history.add(AvroJson.of(fit)));
        Json.ok(ctx, body);
    }
}
