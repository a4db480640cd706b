package io.clvstream.customer;

import io.clvstream.avro.internal.CustomerState;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;

/**
 * What format 1 of {@code customer-state} (schemas/legacy/CustomerState-v1.avsc) kept in another shape: the
 * refund window's orders and refunds as arrays of records ({@code recentOrders}, {@code recentRefunds}), each
 * with its id hash as an 8-byte fixed, in the same (day, unsigned id hash) order. Every other field is the same.
 */
public final class StateFormatV1 {

    private static final String ORDERS = "recentOrders";
    private static final String REFUNDS = "recentRefunds";
    private static final String ID = "idHash";
    private static final String DAY = "day";
    private static final String CENTS = "cents";
    private static final String REFUNDED = "refundedCents";

    private StateFormatV1() {
    }

    /** Packs the windows of {@code v1}, a format-1 state read with its own schema, into {@code state}. */
    public static void carryWindows(GenericRecord v1, CustomerState state) {
        final WindowEntries orders = WindowEntries.empty(CustomerLedger.ORDER_FIGURES);
        for (final Object entry : (List<?>) v1.get(ORDERS)) {
            final GenericRecord order = (GenericRecord) entry;
            final int i = orders.add(id(order), (Integer) order.get(DAY));
            orders.setFigure(i, CustomerLedger.CENTS, (Long) order.get(CENTS));
            orders.setFigure(i, CustomerLedger.REFUNDED, (Long) order.get(REFUNDED));
        }
        final WindowEntries refunds = WindowEntries.empty(CustomerLedger.REFUND_FIGURES);
        for (final Object entry : (List<?>) v1.get(REFUNDS)) {
            final GenericRecord refund = (GenericRecord) entry;
            refunds.add(id(refund), (Integer) refund.get(DAY));
        }
        state.setOrderWindow(orders.toBytes());
        state.setRefundWindow(refunds.toBytes());
    }

    /** Sets the windows of {@code v1}, a record of the format-1 schema, to those of {@code state}. */
    public static void unpackWindows(CustomerState state, GenericRecord v1) {
        final Schema order = v1.getSchema().getField(ORDERS).schema().getElementType();
        final WindowEntries orders = CustomerLedger.orders(state);
        final List<GenericRecord> recentOrders = new ArrayList<>(orders.size());
        for (int i = 0; i < orders.size(); i++) {
            final GenericRecord entry = entry(order, orders, i);
            entry.put(CENTS, orders.figure(i, CustomerLedger.CENTS));
            entry.put(REFUNDED, orders.figure(i, CustomerLedger.REFUNDED));
            recentOrders.add(entry);
        }
        final Schema refund = v1.getSchema().getField(REFUNDS).schema().getElementType();
        final WindowEntries refunds = CustomerLedger.refunds(state);
        final List<GenericRecord> recentRefunds = new ArrayList<>(refunds.size());
        for (int i = 0; i < refunds.size(); i++) {
            recentRefunds.add(entry(refund, refunds, i));
        }
        v1.put(ORDERS, recentOrders);
        v1.put(REFUNDS, recentRefunds);
    }

    private static GenericRecord entry(Schema schema, WindowEntries entries, int i) {
        final GenericRecord entry = new GenericData.Record(schema);
        entry.put(ID, new GenericData.Fixed(schema.getField(ID).schema(), IdHashes.toBytes(entries.id(i))));
        entry.put(DAY, entries.day(i));
        return entry;
    }

    private static long id(GenericRecord entry) {
        return IdHashes.fromBytes(((GenericFixed) entry.get(ID)).bytes());
    }
}
