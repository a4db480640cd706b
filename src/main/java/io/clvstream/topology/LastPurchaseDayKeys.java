package io.clvstream.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/**
 * Keys of the segment-last-purchase-days store: 2-byte segment length, the segment, then the
 * 4-byte epoch day with its sign bit flipped, so that one segment's days are one contiguous range
 * in day order (RocksDB compares unsigned bytes).
 */
final class LastPurchaseDayKeys {

    private LastPurchaseDayKeys() {
    }

    static Bytes key(String segment, int day) {
        final byte[] name = segment.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(Short.BYTES + name.length + Integer.BYTES)
            .putShort((short) name.length).put(name).putInt(day ^ Integer.MIN_VALUE).array());
    }

    static Bytes first(String segment) {
        return key(segment, Integer.MIN_VALUE);
    }

    static Bytes last(String segment) {
        return key(segment, Integer.MAX_VALUE);
    }

    static int day(Bytes key) {
        final byte[] bytes = key.get();
        return ByteBuffer.wrap(bytes, bytes.length - Integer.BYTES, Integer.BYTES).getInt() ^ Integer.MIN_VALUE;
    }
}
