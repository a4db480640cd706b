package io.clvstream.topology;

import io.clvstream.avro.internal.CustomerState;
import io.clvstream.avro.internal.RfmSampleEntry;
import io.clvstream.avro.internal.RfmSummary;
import io.clvstream.customer.CustomerFigures;
import io.clvstream.customer.IdHashes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's bottom-k sample of its customers in the {@code rfm-sample} store: the k customers with the smallest
 * 64-bit hash of their id, keyed by that hash (big-endian, so store order is hash order) and the id. A uniform
 * sample that is maintained by deltas: a customer's entry is written only when its (x, first day, recency,
 * repeat value) changes, and a new customer enters only by displacing the largest hash. The largest hash also
 * estimates the population (k - 1) / max (the KMV estimator, relative error about 1 / sqrt(k)), so no count is
 * kept. Not thread safe; one per processor.
 */
public final class RfmSample {

    private static final double TWO_TO_64 = 0x1p64;

    private final int capacity;
    private KeyValueStore<Bytes, RfmSampleEntry> store;
    private int size;
    private Bytes largest;

    public RfmSample(int capacity) {
        this.capacity = capacity;
    }

    /** Reads size and largest key back from the (restored) store: at most k entries, once per task start. */
    public void init(KeyValueStore<Bytes, RfmSampleEntry> store) {
        this.store = store;
        size = 0;
        largest = null;
        try (KeyValueIterator<Bytes, RfmSampleEntry> all = store.all()) {
            while (all.hasNext()) {
                largest = all.next().key;
                size++;
            }
        }
    }

    /** The entry the fit needs of {@code state}, or null for a customer who never had a kept purchase. */
    static RfmSampleEntry entry(CustomerState state) {
        if (state.getPurchaseDays().isEmpty()) {
            return null;
        }
        return new RfmSampleEntry(CustomerFigures.repeatTransactions(state), state.getPurchaseDays().get(0),
            CustomerFigures.recencyDays(state), Math.max(0, state.getKeptCents() - state.getFirstDayCents()), true);
    }

    /** Records that {@code customerId} changed from {@code before} to {@code after} (null: no kept purchase). */
    void update(String customerId, RfmSampleEntry before, RfmSampleEntry after) {
        if (after == null && before == null || after != null && after.equals(before)) {
            return;
        }
        final RfmSampleEntry stored = after != null ? after
            : new RfmSampleEntry(before.getX(), before.getFirstDay(), before.getRecencyDays(), before.getRepeatCents(), false);
        final Bytes key = key(customerId);
        // A full sample holds exactly the k smallest hashes: a larger one is not in it and does not enter.
        if (size >= capacity && key.compareTo(largest) > 0) {
            return;
        }
        if (store.get(key) != null) {
            store.put(key, stored);
            return;
        }
        if (size < capacity) {
            store.put(key, stored);
            size++;
            if (largest == null || key.compareTo(largest) > 0) {
                largest = key;
            }
            return;
        }
        store.put(key, stored);
        store.delete(largest);
        try (KeyValueIterator<Bytes, RfmSampleEntry> descending = store.reverseAll()) {
            largest = descending.next().key;
        }
    }

    /** The summary to publish: the active entries and the customers each stands for. */
    public RfmSummary summary(int partition, long asOfMs) {
        final List<RfmSampleEntry> active = new ArrayList<>(size);
        try (KeyValueIterator<Bytes, RfmSampleEntry> all = store.all()) {
            while (all.hasNext()) {
                final KeyValue<Bytes, RfmSampleEntry> next = all.next();
                if (next.value.getActive()) {
                    active.add(next.value);
                }
            }
        }
        return new RfmSummary(partition, asOfMs, capacity, weight(), active);
    }

    private double weight() {
        if (size < capacity) {
            return 1.0;
        }
        final double largestFraction = (unsigned(largest) + 1.0) / TWO_TO_64;
        return (capacity - 1) / largestFraction / capacity;
    }

    private static double unsigned(Bytes key) {
        final long hash = ByteBuffer.wrap(key.get()).getLong();
        return hash >= 0 ? hash : hash + TWO_TO_64;
    }

    static Bytes key(String customerId) {
        final byte[] id = customerId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + id.length).put(IdHashes.of(customerId).bytes()).put(id).array());
    }
}
