package io.clvstream.customer;

import io.clvstream.avro.internal.CustomerState;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;

/**
 * What format 1 of {@code customer-state} (schemas/legacy/CustomerState-v1.avsc) kept in another shape: the
 * refund window's orders and refunds as arrays of records ({@code recentOrders}, {@code recentRefunds}), each
 * with its id hash as an 8-byte fixed. Every other field reads unchanged by schema resolution.
 */
public final class StateFormatV1 {

    private StateFormatV1() {
    }

    /** Packs the windows of {@code v1}, a format-1 state read with its own schema, into {@code state}. */
    public static void carryWindows(GenericRecord v1, CustomerState state) {
        final WindowEntries orders = WindowEntries.empty(CustomerLedger.ORDER_FIGURES);
        for (final Object entry : (List<?>) v1.get("recentOrders")) {
            final GenericRecord order = (GenericRecord) entry;
            final int i = orders.add(id(order), (Integer) order.get("day"));
            orders.setFigure(i, CustomerLedger.CENTS, (Long) order.get("cents"));
            orders.setFigure(i, CustomerLedger.REFUNDED, (Long) order.get("refundedCents"));
        }
        final WindowEntries refunds = WindowEntries.empty(0);
        for (final Object entry : (List<?>) v1.get("recentRefunds")) {
            final GenericRecord refund = (GenericRecord) entry;
            refunds.add(id(refund), (Integer) refund.get("day"));
        }
        state.setOrderWindow(orders.toBytes());
        state.setRefundWindow(refunds.toBytes());
    }

    private static long id(GenericRecord entry) {
        return ByteBuffer.wrap(((GenericFixed) entry.get("idHash")).bytes()).getLong();
    }
}
