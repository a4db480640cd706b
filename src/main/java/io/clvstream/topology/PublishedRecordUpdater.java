package io.clvstream.topology;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps a global store equal to a compacted topic the application publishes ({@code clv.model-params},
 * {@code clv.segment-stats}). It stores the record bytes as they are on the topic because a restart
 * restores a global store from the topic directly, bypassing this processor; readers decode once per
 * version ({@link CurrentModel}, {@link PublishedPopulation}).
 */
final class PublishedRecordUpdater implements Processor<String, byte[], Void, Void> {

    private final String storeName;
    private KeyValueStore<String, byte[]> store;

    PublishedRecordUpdater(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
    }
}
