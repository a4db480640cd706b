package io.clvstream.customer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * 64-bit digests of order and refund ids: the state keeps 8 bytes per id instead of the id string
 * (UUIDs are 36). A false duplicate needs two ids of one customer within the refund window to
 * share 64 bits of SHA-256.
 */
public final class IdHashes {

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    });

    private IdHashes() {
    }

    /** The first 8 bytes of the id's SHA-256, big-endian. */
    public static long of(String id) {
        return fromBytes(SHA256.get().digest(id.getBytes(StandardCharsets.UTF_8)));
    }

    /** The hash whose big-endian bytes start {@code bytes}. */
    static long fromBytes(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getLong();
    }

    /** The 8 big-endian bytes of {@code hash}. */
    static byte[] toBytes(long hash) {
        return ByteBuffer.allocate(Long.BYTES).putLong(hash).array();
    }
}
