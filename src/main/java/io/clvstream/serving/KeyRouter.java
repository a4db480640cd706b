package io.clvstream.serving;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Sends a request to the instance that can answer it. A key's owner comes from Streams metadata
 * ({@code queryMetadataForKey}); another instance's answer is proxied back unchanged, so a client
 * can ask any instance. Requests between instances carry {@code local=true} and are answered from
 * local state only, which also stops a request from bouncing between instances that disagree about
 * ownership in the middle of a rebalance.
 */
final class KeyRouter {

    static final String LOCAL = "local";
    /** Names the instance whose state produced the answer ({@code host:port} of its application.server). */
    static final String INSTANCE_HEADER = "X-Clv-Instance";

    private final ServingStreams streams;
    private final Peers peers;

    KeyRouter(ServingStreams streams, Peers peers) {
        this.streams = streams;
        this.peers = peers;
    }

    static boolean localOnly(Context ctx) {
        return "true".equals(ctx.queryParam(LOCAL));
    }

    /** Answers with {@code local} here if this instance owns {@code key} in {@code store}, else proxies. */
    void byKey(Context ctx, String store, String key, Handler local) throws Exception {
        if (localOnly(ctx)) {
            local.handle(ctx);
            return;
        }
        final HostInfo owner = streams.owner(store, key);
        if (streams.isSelf(owner)) {
            local.handle(ctx);
            return;
        }
        final Peers.Answer answer = peers.get(owner, localPath(ctx));
        ctx.header(INSTANCE_HEADER, answer.instance());
        ctx.status(answer.status()).contentType(answer.contentType()).result(answer.body());
    }

    /**
     * The local answer of every instance hosting {@code store}: {@code local} here, and a
     * {@code local=true} request of the same path to each other instance, which must answer 200.
     */
    List<JsonNode> everywhere(Context ctx, String store, Supplier<JsonNode> local) {
        final List<JsonNode> answers = new ArrayList<>();
        for (final HostInfo host : streams.hosts(store)) {
            if (streams.isSelf(host)) {
                answers.add(local.get());
                continue;
            }
            final Peers.Answer answer = peers.get(host, localPath(ctx));
            if (answer.status() != 200) {
                throw new NotReadyException(host + " answered " + answer.status() + ": " + answer.body());
            }
            answers.add(Json.parse(answer.body()));
        }
        return answers;
    }

    /** This request's path and query with {@code local=true} added. */
    private static String localPath(Context ctx) {
        final String query = ctx.queryString();
        return ctx.path() + "?" + (query == null || query.isEmpty() ? "" : query + "&") + LOCAL + "=true";
    }
}
