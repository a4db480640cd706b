package io.clvstream.serving;

import io.clvstream.avro.ModelParams;
import java.util.List;
import java.util.Optional;

/**
 * Where {@code GET /model} finds the fitted model. Pluggable because the model topology (global
 * store of {@code clv.model-params}) is built elsewhere; {@link #NONE} until there is one.
 */
public interface ModelSource {

    ModelSource NONE = new ModelSource() {
        @Override
        public Optional<ModelParams> current() {
            return Optional.empty();
        }

        @Override
        public List<ModelParams> history() {
            return List.of();
        }
    };

    /** The newest published parameters, if a model was fitted. */
    Optional<ModelParams> current();

    /** Earlier fits still known, newest first (a compacted topic may keep only the latest). */
    List<ModelParams> history();
}
