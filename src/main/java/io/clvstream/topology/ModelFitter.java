package io.clvstream.topology;

import io.clvstream.avro.ModelParams;
import io.clvstream.avro.internal.RfmSummary;
import io.clvstream.customer.TimeSource;
import io.clvstream.predict.PopulationRefit;
import io.clvstream.predict.PredictConfig;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single fitter: the summaries topic has one partition, so exactly one task in the whole application runs
 * this. It keeps the latest summary of every source partition in {@code rfm-summary-store} and, when they stand
 * for at least {@code clv.model.min-customers} customers and the last fit (or failed attempt) is at least
 * {@code clv.model.refit-interval} old, fits on their union, warm-started from the published parameters, and
 * publishes the next version to {@code clv.model-params}. A failed fit publishes nothing, so every instance
 * keeps scoring with the previous version; it is logged and retried after the refit interval. The fit runs on
 * the stream thread: seconds for the default sample sizes, well inside {@code max.poll.interval.ms}.
 */
final class ModelFitter implements Processor<String, RfmSummary, String, ModelParams> {

    private static final Logger LOG = LoggerFactory.getLogger(ModelFitter.class);

    private final PredictConfig config;
    private final TimeSource timeSource;
    private final CurrentModel published;
    private final ProcessingListener listener;
    private ProcessorContext<String, ModelParams> context;
    private KeyValueStore<String, RfmSummary> summaries;
    /** The last version this fitter published: the global store may not show it yet. */
    private ModelParams lastPublished;
    private Long lastAttemptAt;
    /** Fits rejected since this fitter last published (or started). */
    private int rejectedSincePublished;

    ModelFitter(PredictConfig config, TimeSource timeSource, CurrentModel published, ProcessingListener listener) {
        this.listener = listener;
        this.config = config;
        this.timeSource = timeSource;
        this.published = published;
    }

    @Override
    public void init(ProcessorContext<String, ModelParams> context) {
        this.context = context;
        this.summaries = context.getStateStore(ClvTopology.RFM_SUMMARY_STORE);
        this.published.init(context.getStateStore(ClvTopology.MODEL_PARAMS_STORE));
    }

    @Override
    public void process(Record<String, RfmSummary> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        summaries.put(record.key(), record.value());
        final long now = timeSource == TimeSource.WALL_CLOCK ? context.currentSystemTimeMs() : record.timestamp();
        final ModelParams previous = newest(published.params(), lastPublished);
        final long interval = config.refitInterval().toMillis();
        if (lastAttemptAt != null && now - lastAttemptAt < interval
            || previous != null && now - previous.getFittedAt().toEpochMilli() < interval) {
            return;
        }
        final List<RfmSummary> all = new ArrayList<>();
        try (KeyValueIterator<String, RfmSummary> it = summaries.all()) {
            while (it.hasNext()) {
                final KeyValue<String, RfmSummary> next = it.next();
                all.add(next.value);
            }
        }
        final double customers = PopulationRefit.customers(all);
        if (customers < config.minCustomers()) {
            LOG.debug("Not fitting yet: {} customers in {} summaries, {} needed", customers, all.size(),
                config.minCustomers());
            return;
        }
        lastAttemptAt = now;
        final long version = previous == null ? 1 : previous.getVersion() + 1;
        final Object scoringStaysOn = previous == null ? "prior" : previous.getVersion();
        final PopulationRefit.Outcome outcome;
        try {
            outcome = PopulationRefit.fit(all, previous, config, version, now);
        } catch (RuntimeException e) {
            LOG.error("Model fit on {} customers failed; scoring stays on version {}", customers, scoringStaysOn, e);
            return;
        }
        if (outcome.params() == null) {
            rejectedSincePublished++;
            // A population that does not identify the model yet fails every refit interval, and on a replayed or
            // accelerated clock (the demo) that is hundreds of times: the first one is worth a warning, the rest
            // are counted into the next published version's line.
            if (rejectedSincePublished == 1) {
                LOG.warn("Model fit on {} customers rejected, not published ({}); scoring stays on version {}; "
                        + "further rejections before a fit is published are logged at DEBUG", customers,
                    outcome.failure(), scoringStaysOn);
            } else {
                LOG.debug("Model fit on {} customers rejected again ({}); scoring stays on version {}", customers,
                    outcome.failure(), scoringStaysOn);
            }
            return;
        }
        lastPublished = outcome.params();
        listener.modelFitted(version, outcome.params().getFitSeconds());
        LOG.info("Model version {} fitted on {} customers in {} s after {} rejected fit(s): {}", version, customers,
            outcome.params().getFitSeconds(), rejectedSincePublished, outcome.params().getMessage());
        rejectedSincePublished = 0;
        context.forward(new Record<>(ClvTopology.MODEL_PARAMS_KEY, outcome.params(), record.timestamp()));
    }

    private static ModelParams newest(ModelParams a, ModelParams b) {
        if (a == null) {
            return b;
        }
        return b == null || a.getVersion() >= b.getVersion() ? a : b;
    }
}
