package io.clvstream.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clvstream.avro.CustomerValue;
import io.clvstream.avro.internal.CustomerState;
import io.clvstream.predict.ScoringModel;
import io.clvstream.topology.ClvTopology;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** {@code GET /customers/{id}} and {@code GET /customers/top}, from the {@code customer-state} store. */
final class CustomerRoutes {

    static final int DEFAULT_TOP = 10;
    static final int MAX_TOP = 1000;
    private static final String STORE = ClvTopology.CUSTOMER_STATE_STORE;

    private final ServingStreams streams;
    private final KeyRouter router;
    private final CustomerViews views;

    CustomerRoutes(ServingStreams streams, KeyRouter router, CustomerViews views) {
        this.streams = streams;
        this.router = router;
        this.views = views;
    }

    void install(Javalin app) {
        // Before /customers/{id}, which would otherwise take "top" for a customer id.
        app.get("/customers/top", this::top);
        app.get("/customers/{id}", ctx -> router.byKey(ctx, STORE, ctx.pathParam("id"), this::localCustomer));
    }

    private void localCustomer(Context ctx) {
        final String id = ctx.pathParam("id");
        final CustomerState state = streams.<CustomerState>store(STORE).get(id);
        if (state == null) {
            Json.error(ctx, 404, "Unknown customer " + id);
            return;
        }
        final ScoringModel model = views.model();
        Json.ok(ctx, views.json(views.value(id, state, model), state, model));
    }

    private void top(Context ctx) {
        final int n = ctx.queryParamAsClass("n", Integer.class).getOrDefault(DEFAULT_TOP);
        if (n < 1 || n > MAX_TOP) {
            throw new IllegalArgumentException("n must be between 1 and " + MAX_TOP);
        }
        final TopCustomers.Ranking by = TopCustomers.Ranking.parse(
            ctx.queryParamAsClass("by", String.class).getOrDefault(TopCustomers.Ranking.historicClv.name()));
        if (KeyRouter.localOnly(ctx)) {
            Json.ok(ctx, localTop(by, n));
            return;
        }
        final List<JsonNode> answers = router.everywhere(ctx, STORE, () -> localTop(by, n));
        final List<Iterable<JsonNode>> lists = new ArrayList<>();
        answers.forEach(answer -> lists.add(answer.get("customers")));
        final ObjectNode body = Json.MAPPER.createObjectNode().put("by", by.name()).put("n", n)
            .put("instances", answers.size());
        body.putArray("customers").addAll(TopCustomers.merge(lists, by, n));
        Json.ok(ctx, body);
    }

    /** This instance's top n; every customer value is derived, so this costs one pass over the local store. */
    private ObjectNode localTop(TopCustomers.Ranking by, int n) {
        final ReadOnlyKeyValueStore<String, CustomerState> store = streams.store(STORE);
        final List<CustomerValue> values = new ArrayList<>();
        final List<CustomerState> states = new ArrayList<>();
        final ScoringModel model = views.model();
        try (KeyValueIterator<String, CustomerState> all = store.all()) {
            // Derived one at a time while ranking: memory stays O(n) whatever the store holds.
            final Iterable<CustomerValue> derived = () -> new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return all.hasNext();
                }

                @Override
                public CustomerValue next() {
                    final KeyValue<String, CustomerState> entry = all.next();
                    return views.value(entry.key, entry.value, model);
                }
            };
            values.addAll(TopCustomers.top(derived, by, n));
        }
        for (final CustomerValue value : values) {
            states.add(store.get(value.getCustomerId()));
        }
        final ObjectNode body = Json.MAPPER.createObjectNode().put("by", by.name()).put("n", n);
        final ArrayNode customers = body.putArray("customers");
        for (int i = 0; i < values.size(); i++) {
            if (states.get(i) != null) {
                customers.add(views.json(values.get(i), states.get(i), model));
            }
        }
        return body;
    }
}
