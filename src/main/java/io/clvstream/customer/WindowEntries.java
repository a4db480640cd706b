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
     * The bytes read and where each entry read ends in them, so writing can copy the entries still as they were:
     * entries {@code [0, unchanged)} are the source's entries {@code [dropped, dropped + unchanged)}, the first
     * {@code dropped} having left the window (the new first entry's day is then written in full, not copied).
     */
    private byte[] source;
    private int sourceOffset;
    private int[] sourceEnds;
    private int unchanged;
    private int dropped;

    private WindowEntries(int figures, int capacity) {
        this.figures = figures;
        this.ids = new long[capacity];
        this.days = new int[capacity];
        this.values = figures == 0 ? NONE : new long[capacity * figures];
    }

    static WindowEntries empty(int figures) {
        return new WindowEntries(figures, 0);
    }

    /**
     * The entries packed in {@code packed} (its remaining bytes, not consumed), each with {@code figures} figures.
     *
     * @throws IllegalArgumentException when the bytes are not a packed window
     */
    static WindowEntries read(ByteBuffer packed, int figures) {
        if (!packed.hasArray()) {
            throw new IllegalArgumentException("A packed window is read from a heap buffer, not " + packed);
        }
        final WindowEntries entries = new WindowEntries(figures, packed.remaining() / (Long.BYTES + 1 + figures));
        final byte[] bytes = packed.array();
        final int end = packed.arrayOffset() + packed.limit();
        final int[] at = {packed.arrayOffset() + packed.position()};
        entries.source = bytes;
        entries.sourceOffset = at[0];
        entries.sourceEnds = new int[entries.ids.length];
        int day = 0;
        while (at[0] < end) {
            if (end - at[0] < Long.BYTES) {
                throw malformed("an id hash cut short");
            }
            final long id = (long) BIG_ENDIAN_LONG.get(bytes, at[0]);
            at[0] += Long.BYTES;
            day += (int) readVarLong(bytes, at, end);
            final int i = entries.size++;
            entries.ids[i] = id;
            entries.days[i] = day;
            for (int f = 0; f < figures; f++) {
                entries.values[i * figures + f] = readVarLong(bytes, at, end);
            }
            entries.sourceEnds[i] = at[0];
        }
        entries.unchanged = entries.size;
        return entries;
    }

    /**
     * The packed form of the entries, as {@link #read} reads it. The entries still as they were read are copied
     * from the bytes read: a purchase on a new latest day encodes the entry it appends and, when older orders left
     * the window with it, the new first entry.
     */
    ByteBuffer toBytes() {
        final int copyFrom = Math.min(dropped > 0 ? 1 : 0, size);
        final int copyTo = Math.max(copyFrom, unchanged);
        int copyStart = 0;
        int copied = 0;
        if (copyTo > copyFrom) {
            final int first = copyFrom + dropped;
            copyStart = first == 0 ? sourceOffset : sourceEnds[first - 1];
            copied = sourceEnds[copyTo + dropped - 1] - copyStart;
        }
        final byte[] out = new byte[packedLength(0, copyFrom) + copied + packedLength(copyTo, size)];
        final int at = encode(0, copyFrom, out, 0);
        if (copied > 0) {
            System.arraycopy(source, copyStart, out, at, copied);
        }
        encode(copyTo, size, out, at + copied);
        return ByteBuffer.wrap(out);
    }

    /** Encodes entries {@code [from, to)} into {@code out} at {@code at}; returns where they end. */
    private int encode(int from, int to, byte[] out, int at) {
        for (int i = from; i < to; i++) {
            BIG_ENDIAN_LONG.set(out, at, ids[i]);
            at += Long.BYTES;
            at += BinaryData.encodeLong(dayField(i), out, at);
            for (int f = 0; f < figures; f++) {
                at += BinaryData.encodeLong(values[i * figures + f], out, at);
            }
        }
        return at;
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
            changed = true;
            // The entries after the dropped ones that were still as read stay so (toBytes re-encodes the first).
            if (unchanged > drop) {
                unchanged -= drop;
                dropped += drop;
            } else {
                unchanged = 0;
            }
        }
    }

    /** Reads one zig-zag varint at {@code at[0]}, as Avro writes a long, and moves {@code at[0]} past it. */
    private static long readVarLong(byte[] bytes, int[] at, int end) {
        long raw = 0;
        int shift = 0;
        byte b;
        do {
            if (shift > 63) {
                throw malformed("a varint longer than 10 bytes");
            }
            if (at[0] == end) {
                throw malformed("a varint cut short");
            }
            b = bytes[at[0]++];
            raw |= (long) (b & 0x7F) << shift;
            shift += 7;
        } while (b < 0);
        return (raw >>> 1) ^ -(raw & 1);
    }

    private static IllegalArgumentException malformed(String what) {
        return new IllegalArgumentException("Malformed packed window: " + what);
    }
}
