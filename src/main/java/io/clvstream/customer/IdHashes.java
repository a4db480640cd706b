package io.clvstream.customer;

import io.clvstream.avro.internal.IdHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

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

    public static IdHash of(String id) {
        return new IdHash(Arrays.copyOf(SHA256.get().digest(id.getBytes(StandardCharsets.UTF_8)), 8));
    }

    public static boolean same(IdHash a, IdHash b) {
        return Arrays.equals(a.bytes(), b.bytes());
    }
}
