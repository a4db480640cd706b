package io.clvstream.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clvstream.avro.internal.SegmentAggregate;
import io.clvstream.avro.internal.SegmentSketches;
import io.clvstream.segment.SegmentFigures;
import io.clvstream.segment.SegmentMembers;
import io.clvstream.segment.SegmentsConfig;
import io.clvstream.segment.SketchBook;
import io.clvstream.topology.SegmentStatsTopology;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@code GET /segments} and {@code GET /segments/{segment}}: the figures of {@code clv.segment-stats},
 * computed from the aggregate stores the topology publishes them from. The aggregates, the base
 * aggregate and the merged sketches are stores of one sub-topology, so one instance holds all three
 * for a segment key.
 */
final class SegmentRoutes {

    private static final String SEGMENTS = SegmentStatsTopology.SEGMENT_AGGREGATES_STORE;
    private static final String BASE = SegmentStatsTopology.BASE_AGGREGATE_STORE;

    private final ServingStreams streams;
    private final KeyRouter router;
    private final SegmentsConfig config;
    private final SegmentFigures figures;

    SegmentRoutes(ServingStreams streams, KeyRouter router, SegmentsConfig config) {
        this.streams = streams;
        this.router = router;
        this.config = config;
        this.figures = new SegmentFigures(config);
    }

    void install(Javalin app) {
        app.get("/segments", this::all);
        app.get("/segments/{segment}", ctx -> {
            final String segment = ctx.pathParam("segment");
            router.byKey(ctx, storeOf(segment), segment, this::localSegment);
        });
    }

    private static String storeOf(String segment) {
        return SegmentMembers.ALL.equals(segment) ? BASE : SEGMENTS;
    }

    private void localSegment(Context ctx) {
        final String segment = ctx.pathParam("segment");
        final SegmentAggregate aggregate = streams.<SegmentAggregate>store(storeOf(segment)).get(segment);
        if (aggregate == null) {
            Json.error(ctx, 404, "Unknown segment " + segment);
            return;
        }
        Json.ok(ctx, stats(segment, aggregate));
    }

    private void all(Context ctx) {
        if (KeyRouter.localOnly(ctx)) {
            Json.ok(ctx, localSegments());
            return;
        }
        final List<JsonNode> segments = new ArrayList<>();
        router.everywhere(ctx, SEGMENTS, this::localSegments).forEach(answer -> answer.get("segments").forEach(segments::add));
        // The whole base first, then segments by name.
        segments.sort(Comparator.comparing((JsonNode s) -> !SegmentMembers.ALL.equals(s.get("segment").asText()))
            .thenComparing(s -> s.get("segment").asText()));
        final ObjectNode body = Json.MAPPER.createObjectNode();
        body.putArray("segments").addAll(segments);
        Json.ok(ctx, body);
    }

    private ObjectNode localSegments() {
        final ObjectNode body = Json.MAPPER.createObjectNode();
        final ArrayNode segments = body.putArray("segments");
        for (final String store : List.of(BASE, SEGMENTS)) {
            try (KeyValueIterator<String, SegmentAggregate> all = streams.<SegmentAggregate>store(store).all()) {
                while (all.hasNext()) {
                    final KeyValue<String, SegmentAggregate> entry = all.next();
                    segments.add(stats(entry.key, entry.value));
                }
            }
        }
        return body;
    }

    private ObjectNode stats(String segment, SegmentAggregate aggregate) {
        final ReadOnlyKeyValueStore<String, SegmentSketches> sketches = streams.store(SegmentStatsTopology.SKETCHES_STORE);
        return AvroJson.of(figures.stats(segment, aggregate, SketchBook.quantiles(sketches.get(segment), config.sketchK())));
    }
}
