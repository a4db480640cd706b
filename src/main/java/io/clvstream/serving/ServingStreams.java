package io.clvstream.serving;

import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * This instance's view of Kafka Streams for interactive queries: its local stores and where the
 * other instances' keys live. The HTTP server is up before Streams exists (so {@code /health} answers
 * during a long restore), hence the late {@link #attach}.
 */
public final class ServingStreams {

    private static final Serializer<String> KEYS = new StringSerializer();

    private volatile HostInfo self;
    private volatile KafkaStreams streams;

    /**
     * Serves {@code streams}; {@code self} is this instance's {@code application.server}, as the other
     * instances and Streams' metadata name it.
     */
    public void attach(KafkaStreams streams, HostInfo self) {
        this.self = self;
        this.streams = streams;
    }

    /** This instance's {@code application.server}; null before {@link #attach}. */
    HostInfo self() {
        return self;
    }

    /** The Streams state name, or {@code NOT_CREATED} before Streams exists. */
    String state() {
        final KafkaStreams current = streams;
        return current == null ? "NOT_CREATED" : current.state().name();
    }

    boolean running() {
        final KafkaStreams current = streams;
        return current != null && current.state() == KafkaStreams.State.RUNNING;
    }

    /** Looks up the record bytes under a key of a global store of published records (null when none). */
    public Function<String, byte[]> publishedRecords(String globalStore) {
        return key -> this.<byte[]>store(globalStore).get(key);
    }

    /** The active local partitions of a key-value store, all of them under one view. */
    <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        final KafkaStreams current = require();
        try {
            return current.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
        } catch (InvalidStateStoreException e) {
            throw new NotReadyException("Store " + name + " is not queryable now (" + current.state() + "): " + e.getMessage());
        }
    }

    /** The instance holding the active copy of {@code key} in {@code store}. */
    HostInfo owner(String store, String key) {
        final KeyQueryMetadata metadata = require().queryMetadataForKey(store, key, KEYS);
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            throw new NotReadyException("No instance owns " + store + " key " + key + " right now (rebalancing)");
        }
        return metadata.activeHost();
    }

    /** Every instance that hosts part of {@code store}, this one included. */
    List<HostInfo> hosts(String store) {
        final Collection<StreamsMetadata> all = require().streamsMetadataForStore(store);
        return all.stream().map(StreamsMetadata::hostInfo).distinct().toList();
    }

    boolean isSelf(HostInfo host) {
        return host.equals(self);
    }

    private KafkaStreams require() {
        final KafkaStreams current = streams;
        if (current == null || !(current.state().isRunningOrRebalancing())) {
            throw new NotReadyException("Kafka Streams is " + state());
        }
        return current;
    }
}
