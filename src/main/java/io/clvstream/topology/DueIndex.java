package io.clvstream.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keys of the tier-due-index store: 8-byte due time, then the customer id. The sign bit is
 * flipped so that unsigned byte order (RocksDB's) is time order, so a scan from the start stops at
 * the first entry not yet due.
 *
 * <p>The index is derived from {@code customer-state} (each state's {@code dueAt}), so it has no
 * changelog: every task start rebuilds it from the start scan. An entry left from before (a clean
 * shutdown keeps the store's files; a crash may leave entries of writes never committed) either matches
 * its customer's {@code dueAt} or is skipped and deleted when due.
 */
final class DueIndex {

    static final byte[] PRESENT = new byte[0];
    private static final int LOAD_BATCH = 10_000;

    private DueIndex() {
    }

    static Bytes key(long dueAt, String customerId) {
        final byte[] id = customerId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + id.length).putLong(dueAt ^ Long.MIN_VALUE).put(id).array());
    }

    static long dueAt(Bytes key) {
        return ByteBuffer.wrap(key.get()).getLong() ^ Long.MIN_VALUE;
    }

    static String customerId(Bytes key) {
        final byte[] bytes = key.get();
        return new String(bytes, Long.BYTES, bytes.length - Long.BYTES, StandardCharsets.UTF_8);
    }

    /** Puts a start scan's entries into the index in batches, one write batch each instead of a write per customer. */
    static final class Loader {

        private final KeyValueStore<Bytes, byte[]> index;
        private final List<KeyValue<Bytes, byte[]>> batch = new ArrayList<>(LOAD_BATCH);

        Loader(KeyValueStore<Bytes, byte[]> index) {
            this.index = index;
        }

        void add(String customerId, Long dueAt) {
            if (dueAt == null) {
                return;
            }
            batch.add(KeyValue.pair(key(dueAt, customerId), PRESENT));
            if (batch.size() == LOAD_BATCH) {
                finish();
            }
        }

        void finish() {
            index.putAll(batch);
            batch.clear();
        }
    }
}
