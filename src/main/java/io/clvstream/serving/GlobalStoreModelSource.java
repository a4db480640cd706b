package io.clvstream.serving;

import io.clvstream.avro.ModelParams;
import io.clvstream.topology.ClvTopology;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The model from the global store that mirrors {@code clv.model-params} ({@value #STORE}, the
 * published bytes under key {@value #KEY}), as the model topology keeps it. Without that store in
 * the topology, or before the first fit, there is no model; before Streams runs, the answer is 503.
 *
 * <p>The compacted topic keeps only the latest fit, so the history is the fits this instance has
 * seen since it started (up to {@value #HISTORY}), newest first.
 */
public final class GlobalStoreModelSource implements ModelSource {

    static final String STORE = ClvTopology.MODEL_PARAMS_STORE;
    static final String KEY = ClvTopology.MODEL_PARAMS_KEY;
    private static final int HISTORY = 20;

    private final ServingStreams streams;
    private final Deserializer<ModelParams> deserializer;
    private final String topic;
    private final Deque<ModelParams> seen = new ArrayDeque<>();

    public GlobalStoreModelSource(ServingStreams streams, Deserializer<ModelParams> deserializer, String topic) {
        this.streams = streams;
        this.deserializer = deserializer;
        this.topic = topic;
    }

    @Override
    public Optional<ModelParams> current() {
        final byte[] bytes;
        try {
            bytes = streams.<byte[]>store(STORE).get(KEY);
        } catch (NotReadyException e) {
            if (!streams.running()) {
                throw e;
            }
            // Running without the store: this topology has no model part.
            return Optional.empty();
        }
        if (bytes == null) {
            return Optional.empty();
        }
        final ModelParams params = deserializer.deserialize(topic, bytes);
        remember(params);
        return Optional.of(params);
    }

    @Override
    public synchronized List<ModelParams> history() {
        current();
        return List.copyOf(seen);
    }

    private synchronized void remember(ModelParams params) {
        if (seen.isEmpty() || seen.peekFirst().getVersion() != params.getVersion()) {
            seen.addFirst(params);
            if (seen.size() > HISTORY) {
                seen.removeLast();
            }
        }
    }
}
