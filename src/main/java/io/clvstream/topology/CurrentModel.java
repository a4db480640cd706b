package io.clvstream.topology;

import io.clvstream.avro.ModelParams;
import io.clvstream.predict.ScoringModel;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The newest published model, read from the global {@code model-params-store} on every call so a new version
 * is used from the next event on. The scorer is rebuilt only when the stored bytes change, so the per-event
 * cost is one in-memory lookup and an array comparison. Until a fit is published, and if a published record
 * cannot be used, the previous model (initially the configured prior) stays in use.
 */
final class CurrentModel {

    private static final Logger LOG = LoggerFactory.getLogger(CurrentModel.class);

    private final Deserializer<ModelParams> deserializer;
    private final String topic;
    private KeyValueStore<String, byte[]> store;
    private byte[] bytes;
    private ScoringModel model;

    CurrentModel(ScoringModel prior, Deserializer<ModelParams> deserializer, String topic) {
        this.model = prior;
        this.deserializer = deserializer;
        this.topic = topic;
    }

    void init(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    ScoringModel get() {
        final byte[] current = store.get(ClvTopology.MODEL_PARAMS_KEY);
        if (current == null || current == bytes || Arrays.equals(current, bytes)) {
            return model;
        }
        bytes = current;
        try {
            model = ScoringModel.from(deserializer.deserialize(topic, current));
        } catch (RuntimeException e) {
            LOG.error("Cannot use the record in {}; scoring stays on model version {}", topic, model.version(), e);
        }
        return model;
    }

    /** The published parameters, or null before the first fit or when unreadable. */
    ModelParams params() {
        final byte[] current = store.get(ClvTopology.MODEL_PARAMS_KEY);
        try {
            return current == null ? null : deserializer.deserialize(topic, current);
        } catch (RuntimeException e) {
            LOG.error("Cannot read the record in {}", topic, e);
            return null;
        }
    }
}
