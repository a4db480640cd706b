package io.clvstream.serving;

import io.clvstream.customer.CustomerTopologyConfig;
import io.clvstream.customer.Population;
import io.clvstream.segment.SegmentsConfig;
import io.javalin.Javalin;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST and metrics server of one instance (see docs/rest.md). Started before Kafka Streams so
 * that its bound port can be advertised as {@code application.server} and so {@code /health}
 * answers while state is restored; the query routes answer 503 until Streams can serve them.
 */
public final class ClvHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClvHttpServer.class);

    private final Javalin app;

    private ClvHttpServer(Javalin app) {
        this.app = app;
    }

    /**
     * Serves on {@code host}:{@code port} (0 picks a free port).
     *
     * @param config the application configuration (tiers and segment settings shape the answers)
     * @param population the published population figures the topology's customer figures use
     * @param metrics the Prometheus text exposition, produced on each scrape
     */
    public static ClvHttpServer start(String host, int port, Map<String, ?> config, ServingStreams streams,
                                      ModelSource models, Population population, Supplier<String> metrics) {
        final Javalin app = Javalin.create(javalin -> javalin.showJavalinBanner = false);
        final KeyRouter router = new KeyRouter(streams, new Peers());
        app.before(ctx -> {
            if (streams.self() != null) {
                ctx.header(KeyRouter.INSTANCE_HEADER, streams.self().host() + ":" + streams.self().port());
            }
        });
        new HealthRoutes(streams, metrics).install(app);
        new CustomerRoutes(streams, router, new CustomerViews(CustomerTopologyConfig.from(config), models, population)).install(app);
        new SegmentRoutes(streams, router, SegmentsConfig.from(config)).install(app);
        new ModelRoutes(models).install(app);
        app.exception(NotReadyException.class, (e, ctx) -> Json.error(ctx, 503, e.getMessage()));
        app.exception(Peers.PeerUnavailableException.class, (e, ctx) -> Json.error(ctx, 502, e.getMessage()));
        app.exception(IllegalArgumentException.class, (e, ctx) -> Json.error(ctx, 400, e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            Json.error(ctx, 500, e.toString());
        });
        // Our own 404s (unknown customer) are JSON already; Javalin's "no such endpoint" is plain text.
        app.error(404, ctx -> {
            if (!"application/json".equals(ctx.res().getContentType())) {
                Json.error(ctx, 404, "No such endpoint " + ctx.path());
            }
        });
        app.start(host, port);
        return new ClvHttpServer(app);
    }

    /** The bound port. */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
