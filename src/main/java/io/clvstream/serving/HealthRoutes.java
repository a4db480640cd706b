package io.clvstream.serving;

import io.clvstream.topology.ClvTopology;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.function.Supplier;

/**
 * {@code GET /health} (the process is up and serving HTTP; for liveness probes, so a long state
 * restore is not mistaken for a hang), {@code GET /ready} (Streams RUNNING and the customer store
 * queryable; for readiness probes and load balancers) and {@code GET /metrics}.
 */
final class HealthRoutes {

    private final ServingStreams streams;
    private final Supplier<String> metrics;

    HealthRoutes(ServingStreams streams, Supplier<String> metrics) {
        this.streams = streams;
        this.metrics = metrics;
    }

    void install(Javalin app) {
        app.get("/health", ctx -> Json.ok(ctx, Json.MAPPER.createObjectNode().put("status", "UP")));
        app.get("/ready", this::ready);
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.get()));
    }

    private void ready(Context ctx) {
        final String state = streams.state();
        boolean ready = streams.running();
        if (ready) {
            try {
                streams.store(ClvTopology.CUSTOMER_STATE_STORE);
            } catch (NotReadyException e) {
                ready = false;
            }
        }
        Json.reply(ctx, ready ? 200 : 503, Json.MAPPER.createObjectNode().put("ready", ready).put("state", state));
    }
}
