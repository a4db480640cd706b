package io.clvstream.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clvstream.avro.internal.SegmentPartitions;
import io.clvstream.segment.SegmentMembers;
import io.clvstream.segment.SegmentPartials;
import io.clvstream.segment.SegmentsConfig;
import io.clvstream.topology.SegmentStatsTopology;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * {@code GET /segments} and {@code GET /segments/{segment}}: the figures of {@code clv.segment-stats},
 * computed from the store the topology publishes them from (the latest share of every customer
 * partition per segment, {@code *} included), so one instance answers a segment key.
 */
final class SegmentRoutes {

    private static final String SEGMENTS = SegmentStatsTopology.PARTITIONS_STORE;

    private final ServingStreams streams;
    private final KeyRouter router;
    private final SegmentsConfig config;

    SegmentRoutes(ServingStreams streams, KeyRouter router, SegmentsConfig config) {
        this.streams = streams;
        this.router = router;
        this.config = config;
    }

    void install(Javalin app) {
        app.get("/segments", this::all);
        app.get("/segments/{segment}", ctx -> {
            final String segment = ctx.pathParam("segment");
            router.byKey(ctx, SEGMENTS, segment, this::localSegment);
        });
    }

    private void localSegment(Context ctx) {
        final String segment = ctx.pathParam("segment");
        final SegmentPartitions partitions = streams.<SegmentPartitions>store(SEGMENTS).get(segment);
        if (partitions == null) {
            Json.error(ctx, 404, "Unknown segment " + segment);
            return;
        }
        Json.ok(ctx, AvroJson.of(SegmentPartials.stats(segment, partitions, config)));
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
        try (KeyValueIterator<String, SegmentPartitions> all = streams.<SegmentPartitions>store(SEGMENTS).all()) {
            while (all.hasNext()) {
                final KeyValue<String, SegmentPartitions> entry = all.next();
                segments.add(AvroJson.of(SegmentPartials.stats(entry.key, entry.value, config)));
            }
        }
        return body;
    }
}
