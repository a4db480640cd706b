package io.clvstream.ingest;

import io.clvstream.avro.Purchase;
import io.clvstream.files.RowError;
import io.clvstream.files.Transaction;
import io.clvstream.files.TransactionFileReader;

/** Transaction files (DESIGN.md CSV or CDNOW) read as {@link Purchase} records. */
public final class PurchaseRows {

    private PurchaseRows() {
    }

    public static Ingester.FileReader<Purchase> reader(TransactionFileReader transactions) {
        return (file, rows, errors) -> transactions.read(file, transaction -> {
            final Purchase purchase;
            try {
                purchase = purchase(transaction);
            } catch (IllegalArgumentException e) {
                errors.accept(new RowError(transaction.line(), e.getMessage()));
                return;
            }
            rows.accept(new Row<>(transaction.line(), purchase));
        }, errors);
    }

    static Purchase purchase(Transaction t) {
        return Purchase.newBuilder()
            .setOrderId(t.orderId())
            .setCustomerId(t.customerId())
            .setOccurredAt(t.occurredAt())
            .setAmount(Row.decimal(t.amount().toPlainString(), "amount"))
            .setCurrency(t.currency())
            .setGrossMargin(t.grossMargin() == null ? null : Row.decimal(t.grossMargin().toPlainString(), "gross_margin"))
            .build();
    }
}
