package io.clvstream.customer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.avro.io.BinaryData;

/**
 * The orders or the refunds inside a customer's refund window, as the state stores them: one byte array
 * holding, per entry in (day, unsigned id hash) order, the 8-byte id hash (big-endian), then zig-zag
 * varints of the day (for all but the first entry, the gap to the previous entry's day) and of the entry's
 * other figures. A long-standing customer has a dozen orders here; as Avro records they were three objects
 * each to build on every read of the state and most of its bytes (docs/performance.md, round 8). The
 * fixed order makes the bytes independent of the order events arrive in.
 */
final class WindowEntries {

    private static final long[] NONE = {};
    private static final VarHandle BIG_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final int figures;
    private int size;
    private long[] ids;
    private int[] days;
    private long[] values;
    private boolean changed;
    /**
     * The bytes read, where each entry read ends in them, and how many leading entries are still as they were
     * there, so writing can copy those.
     */
    private byte[] source;
    private int sourceOffset;
    private int[] sourceEnds;
    private int unchanged;

    private WindowEntries(int figures, int capacity) {
        this.figures = figures;
        this.ids = new long[capacity];
        this.days = new int[capacity];
        this.values = figures == 0 ? NONE : new long[capacity * figures];
    }

    static WindowEntries empty(int figures) {
        return new WindowEntries(figures, 0);
    }

    /** The entries packed in {@code packed} (its remaining bytes, not consumed), each with {@code figures} figures. */
    static WindowEntries read(ByteBuffer packed, int figures) {
        final WindowEntries entries = new WindowEntries(figures, packed.remaining() / (Long.BYTES + 1 + figures));
        final byte[] bytes = packed.array();
        final int end = packed.arrayOffset() + packed.limit();
        final int[] at = {packed.arrayOffset() + packed.position()};
        entries.source = bytes;
        entries.sourceOffset = at[0];
        entries.sourceEnds = new int[entries.ids.length];
        int day = 0;
        while (at[0] < end) {
            final long id = (long) BIG_ENDIAN_LONG.get(bytes, at[0]);
            at[0] += Long.BYTES;
            day += (int) readVarLong(bytes, at);
            final int i = entries.size++;
            entries.ids[i] = id;
            entries.days[i] = day;
            for (int f = 0; f < figures; f++) {
                entries.values[i * figures + f] = readVarLong(bytes, at);
            }
            entries.sourceEnds[i] = at[0];
        }
        entries.unchanged = entries.size;
        return entries;
    }

    /**
     * The packed form of the entries, as {@link #read} reads it. The entries still as they were read are copied
     * from the bytes read (a purchase on a new latest day only appends one entry).
     */
    ByteBuffer toBytes() {
        final int copied = unchanged == 0 ? 0 : sourceEnds[unchanged - 1] - sourceOffset;
        final byte[] out = new byte[copied + packedLength(unchanged, size)];
        if (copied > 0) {
            System.arraycopy(source, sourceOffset, out, 0, copied);
        }
        int at = copied;
        for (int i = unchanged; i < size; i++) {
            BIG_ENDIAN_LONG.set(out, at, ids[i]);
            at += Long.BYTES;
            at += BinaryData.encodeLong(dayField(i), out, at);
            for (int f = 0; f < figures; f++) {
                at += BinaryData.encodeLong(values[i * figures + f], out, at);
            }
        }
        return ByteBuffer.wrap(out);
    }

    private int packedLength(int from, int to) {
        int length = (to - from) * Long.BYTES;
        for (int i = from; i < to; i++) {
            length += varLongSize(dayField(i));
            for (int f = 0; f < figures; f++) {
                length += varLongSize(values[i * figures + f]);
            }
        }
        return length;
    }

    private long dayField(int i) {
        return i == 0 ? days[0] : days[i] - days[i - 1];
    }

    /** How many bytes Avro's zig-zag varint of {@code value} takes. */
    private static int varLongSize(long value) {
        final long zigZag = (value << 1) ^ (value >> 63);
        return Math.max(1, (Long.SIZE - Long.numberOfLeadingZeros(zigZag) + 6) / 7);
    }

    /** True once an entry was added, removed or given a new figure since {@link #read}. */
    boolean changed() {
        return changed;
    }

    int size() {
        return size;
    }

    long id(int i) {
        return ids[i];
    }

    int day(int i) {
        return days[i];
    }

    long figure(int i, int figure) {
        return values[i * figures + figure];
    }

    void setFigure(int i, int figure, long value) {
        values[i * figures + figure] = value;
        changed(i);
    }

    /** Records that entries from {@code i} on may differ from the bytes read. */
    private void changed(int i) {
        changed = true;
        unchanged = Math.min(unchanged, i);
    }

    /** The index of the entry with id hash {@code id}, or -1. */
    int find(long id) {
        for (int i = 0; i < size; i++) {
            if (ids[i] == id) {
                return i;
            }
        }
        return -1;
    }

    /** Adds an entry with all figures 0 in its place in the order; returns its index. */
    int add(long id, int day) {
        int at = size;
        while (at > 0 && (days[at - 1] > day || days[at - 1] == day && Long.compareUnsigned(ids[at - 1], id) > 0)) {
            at--;
        }
        if (size == ids.length) {
            final int capacity = Math.max(4, size * 2);
            ids = Arrays.copyOf(ids, capacity);
            days = Arrays.copyOf(days, capacity);
            values = Arrays.copyOf(values, capacity * figures);
        }
        System.arraycopy(ids, at, ids, at + 1, size - at);
        System.arraycopy(days, at, days, at + 1, size - at);
        System.arraycopy(values, at * figures, values, (at + 1) * figures, (size - at) * figures);
        ids[at] = id;
        days[at] = day;
        Arrays.fill(values, at * figures, (at + 1) * figures, 0L);
        size++;
        changed(at);
        return at;
    }

    /** Moves entry {@code i} to {@code day}, figures kept; returns its new index. */
    int move(int i, int day) {
        final long id = ids[i];
        final long[] kept = Arrays.copyOfRange(values, i * figures, (i + 1) * figures);
        remove(i);
        final int at = add(id, day);
        System.arraycopy(kept, 0, values, at * figures, figures);
        return at;
    }

    void remove(int i) {
        System.arraycopy(ids, i + 1, ids, i, size - i - 1);
        System.arraycopy(days, i + 1, days, i, size - i - 1);
        System.arraycopy(values, (i + 1) * figures, values, i * figures, (size - i - 1) * figures);
        size--;
        changed(i);
    }

    /** Removes the entries of days before {@code day}: they come first, being in day order. */
    void removeBefore(int day) {
        int drop = 0;
        while (drop < size && days[drop] < day) {
            drop++;
        }
        if (drop > 0) {
            System.arraycopy(ids, drop, ids, 0, size - drop);
            System.arraycopy(days, drop, days, 0, size - drop);
            System.arraycopy(values, drop * figures, values, 0, (size - drop) * figures);
            size -= drop;
            changed(0);
        }
    }

    /** Reads one zig-zag varint at {@code at[0]}, as Avro writes a long, and moves {@code at[0]} past it. */
    private static long readVarLong(byte[] bytes, int[] at) {
        long raw = 0;
        int shift = 0;
        byte b;
        do {
            if (shift > 63) {
                throw new IllegalArgumentException("Malformed packed window: varint longer than 10 bytes");
            }
            b = bytes[at[0]++];
            raw |= (long) (b & 0x7F) << shift;
            shift += 7;
        } while (b < 0);
        return (raw >>> 1) ^ -(raw & 1);
    }
}
