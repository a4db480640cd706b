package io.clvstream.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/**
 * The packed refund window is checked against bytes written by Avro's own encoder (8-byte fixed, zig-zag varint
 * longs), the layout the CustomerState schema documents.
 */
class WindowEntriesTest {

    private static final long HIGH_BIT = 0x8000_0000_0000_0001L;

    @Test
    void packsEntriesInDayThenUnsignedIdOrderAsAvroWritesThem() throws IOException {
        final WindowEntries entries = WindowEntries.empty(2);
        put(entries, 7L, 20_100, 1_999, 0);
        put(entries, HIGH_BIT, 20_000, -1, 700);
        put(entries, 5L, 20_000, Long.MAX_VALUE, 3);

        // Day 20,000 first, and within it id 5 before the id with its top bit set (unsigned order).
        final byte[] expected = avro(out -> {
            entry(out, 5L, 20_000, Long.MAX_VALUE, 3);
            entry(out, HIGH_BIT, 0, -1, 700);
            entry(out, 7L, 100, 1_999, 0);
        });
        assertThat(bytes(entries.toBytes())).isEqualTo(expected);

        final WindowEntries read = WindowEntries.read(ByteBuffer.wrap(expected), 2);
        assertThat(read.size()).isEqualTo(3);
        assertThat(read.find(HIGH_BIT)).isEqualTo(1);
        assertThat(read.day(1)).isEqualTo(20_000);
        assertThat(read.figure(1, 0)).isEqualTo(-1);
        assertThat(read.figure(1, 1)).isEqualTo(700);
        assertThat(read.day(2)).isEqualTo(20_100);
        assertThat(read.figure(0, 0)).isEqualTo(Long.MAX_VALUE);
        assertThat(read.find(6L)).isEqualTo(-1);
        assertThat(read.changed()).isFalse();
    }

    @Test
    void readsFromTheBuffersPositionWithoutConsumingIt() throws IOException {
        final byte[] body = avro(out -> entry(out, 9L, 19_000));
        final byte[] framed = new byte[body.length + 3];
        System.arraycopy(body, 0, framed, 2, body.length);
        final ByteBuffer buffer = ByteBuffer.wrap(framed, 2, body.length).slice();

        final WindowEntries read = WindowEntries.read(buffer, 0);

        assertThat(read.size()).isEqualTo(1);
        assertThat(read.day(0)).isEqualTo(19_000);
        assertThat(buffer.position()).isZero();
    }

    @Test
    void movingRemovingAndDroppingOldEntriesKeepTheOrder() throws IOException {
        final WindowEntries entries = WindowEntries.empty(2);
        put(entries, 1L, 10, 100, 0);
        put(entries, 2L, 20, -1, 40);
        put(entries, 3L, 30, 300, 0);

        final int moved = entries.move(entries.find(2L), 35);
        entries.remove(entries.find(3L));
        entries.removeBefore(11);

        assertThat(moved).isEqualTo(2);
        assertThat(entries.changed()).isTrue();
        assertThat(bytes(entries.toBytes())).isEqualTo(avro(out -> entry(out, 2L, 35, -1, 40)));
        entries.removeBefore(36);
        assertThat(entries.size()).isZero();
        assertThat(entries.toBytes().remaining()).isZero();
    }

    @Test
    void entriesChangedAfterReadingAreWrittenAfterTheOnesCopiedAsTheyWere() throws IOException {
        final byte[] ab = avro(out -> {
            entry(out, 1L, 100, 500, 0);
            entry(out, 2L, 5, 700, 0);
        });
        final WindowEntries appended = WindowEntries.read(ByteBuffer.wrap(ab), 2);
        put(appended, 3L, 110, 900, 0);
        final WindowEntries refunded = WindowEntries.read(ByteBuffer.wrap(ab), 2);
        refunded.setFigure(1, 1, 200);
        final WindowEntries inserted = WindowEntries.read(ByteBuffer.wrap(ab), 2);
        put(inserted, 0L, 105, 300, 0);

        assertThat(bytes(appended.toBytes())).isEqualTo(avro(out -> {
            entry(out, 1L, 100, 500, 0);
            entry(out, 2L, 5, 700, 0);
            entry(out, 3L, 5, 900, 0);
        }));
        assertThat(bytes(refunded.toBytes())).isEqualTo(avro(out -> {
            entry(out, 1L, 100, 500, 0);
            entry(out, 2L, 5, 700, 200);
        }));
        assertThat(bytes(inserted.toBytes())).isEqualTo(avro(out -> {
            entry(out, 1L, 100, 500, 0);
            entry(out, 0L, 5, 300, 0);
            entry(out, 2L, 0, 700, 0);
        }));
    }

    @Test
    void entriesLeavingTheWindowAfterAnAppendLeaveTheRestAsAvroWritesThem() throws IOException {
        final byte[] abcd = avro(out -> {
            entry(out, 1L, 100, 500, 0);
            entry(out, 2L, 30, 700, 0);
            entry(out, 3L, 30, 900, 50);
            entry(out, 4L, 30, 1_100, 0);
        });
        final WindowEntries yearOld = WindowEntries.read(ByteBuffer.wrap(abcd), 2);
        put(yearOld, 5L, 250, 1_300, 0);
        yearOld.removeBefore(160);
        final WindowEntries refundedThenAged = WindowEntries.read(ByteBuffer.wrap(abcd), 2);
        refundedThenAged.setFigure(2, 1, 60);
        refundedThenAged.removeBefore(101);
        final WindowEntries allGone = WindowEntries.read(ByteBuffer.wrap(abcd), 2);
        allGone.removeBefore(1_000);

        assertThat(bytes(yearOld.toBytes())).isEqualTo(avro(out -> {
            entry(out, 3L, 160, 900, 50);
            entry(out, 4L, 30, 1_100, 0);
            entry(out, 5L, 60, 1_300, 0);
        }));
        assertThat(bytes(refundedThenAged.toBytes())).isEqualTo(avro(out -> {
            entry(out, 2L, 130, 700, 0);
            entry(out, 3L, 30, 900, 60);
            entry(out, 4L, 30, 1_100, 0);
        }));
        assertThat(allGone.toBytes().remaining()).isZero();
    }

    @Test
    void bytesThatAreNotAPackedWindowAreRefusedWithWhatIsWrong() throws IOException {
        final byte[] body = avro(out -> entry(out, 9L, 19_000, 1_000, 0));
        final byte[] longer = Arrays.copyOf(body, body.length + 20);

        assertThatThrownBy(() -> WindowEntries.read(ByteBuffer.wrap(Arrays.copyOf(body, body.length - 2)), 2))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("Malformed packed window: a varint cut short");
        assertThatThrownBy(() -> WindowEntries.read(ByteBuffer.wrap(longer, 0, body.length + 3), 2))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("Malformed packed window: an id hash cut short");
        assertThatThrownBy(() -> WindowEntries.read(ByteBuffer.wrap(longer, 0, body.length - 1), 2))
            .hasMessage("Malformed packed window: a varint cut short");
        assertThatThrownBy(() -> WindowEntries.read(ByteBuffer.allocateDirect(4), 2))
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("A packed window is read from a heap buffer");
    }

    private static void put(WindowEntries entries, long id, int day, long cents, long refunded) {
        final int i = entries.add(id, day);
        entries.setFigure(i, 0, cents);
        entries.setFigure(i, 1, refunded);
    }

    private interface Body {
        void write(BinaryEncoder out) throws IOException;
    }

    private static byte[] avro(Body body) throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final BinaryEncoder out = EncoderFactory.get().binaryEncoder(bytes, null);
        body.write(out);
        out.flush();
        return bytes.toByteArray();
    }

    private static void entry(BinaryEncoder out, long id, long... dayAndFigures) throws IOException {
        out.writeFixed(ByteBuffer.allocate(Long.BYTES).putLong(id).array());
        for (final long value : dayAndFigures) {
            out.writeLong(value);
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        final byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
