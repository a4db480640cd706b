package io.clvstream.ingest;

import io.clvstream.avro.Refund;
import io.clvstream.files.CsvRows;
import io.clvstream.files.RowError;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Refund files: CSV with a header, {@code refund_id,order_id,customer_id,occurred_at,amount} and
 * optional {@code currency} (default: the base currency). Amounts are positive: what is taken off.
 */
public final class RefundFileReader {

    private final ColumnNames columns;
    private final String defaultCurrency;

    public RefundFileReader(ColumnNames columns, String defaultCurrency) {
        this.columns = columns;
        this.defaultCurrency = defaultCurrency;
    }

    public void read(Path file, Consumer<Row<Refund>> rows, Consumer<RowError> errors) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            CsvRows.read(reader, this::parse, rows, errors);
        }
    }

    private Row<Refund> parse(long line, CsvRows.Row row) {
        final String currency = row.optional(columns.of("currency"));
        return new Row<>(line, Refund.newBuilder()
            .setRefundId(row.required(columns.of("refund_id")))
            .setOrderId(row.required(columns.of("order_id")))
            .setCustomerId(row.required(columns.of("customer_id")))
            .setOccurredAt(Row.time(row.required(columns.of("occurred_at")), columns.of("occurred_at")))
            .setAmount(Row.decimal(row.required(columns.of("amount")), columns.of("amount")))
            .setCurrency(currency == null ? defaultCurrency : currency.toUpperCase(Locale.ROOT))
            .build());
    }
}
