package io.clvstream.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/**
 * Keys of the tier-due-index store: 8-byte due time, then the customer id. The sign bit is
 * flipped so that unsigned byte order (RocksDB's) is time order, so a scan from the start stops at
 * the first entry not yet due.
 */
final class DueIndex {

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
}
