package io.clvstream.ingest;

import io.clvstream.avro.CustomerSignup;
import io.clvstream.avro.Refund;
import io.clvstream.files.CsvRows;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;

/**
 * The CSV layouts of signup and refund files (header required; optional columns may be absent or
 * empty; a missing currency is {@code defaultCurrency}):
 * <ul>
 * <li>signups: {@code customer_id,signed_up_at[,acquisition_channel,segment,acquisition_cost,currency]}</li>
 * <li>refunds: {@code refund_id,order_id,customer_id,occurred_at,amount[,currency]}, amounts positive</li>
 * </ul>
 */
public final class InputFiles {

    private InputFiles() {
    }

    public static Ingester.FileReader<CustomerSignup> signups(ColumnNames columns, String defaultCurrency) {
        return csv((line, row) -> {
            final String cost = row.optional(columns.of("acquisition_cost"));
            return CustomerSignup.newBuilder()
                .setCustomerId(row.required(columns.of("customer_id")))
                .setSignedUpAt(Row.time(row.required(columns.of("signed_up_at")), columns.of("signed_up_at")))
                .setAcquisitionChannel(row.optional(columns.of("acquisition_channel")))
                .setSegment(row.optional(columns.of("segment")))
                .setAcquisitionCost(cost == null ? null : Row.decimal(cost, columns.of("acquisition_cost")))
                .setCurrency(currency(row, columns, defaultCurrency))
                .build();
        });
    }

    public static Ingester.FileReader<Refund> refunds(ColumnNames columns, String defaultCurrency) {
        return csv((line, row) -> Refund.newBuilder()
            .setRefundId(row.required(columns.of("refund_id")))
            .setOrderId(row.required(columns.of("order_id")))
            .setCustomerId(row.required(columns.of("customer_id")))
            .setOccurredAt(Row.time(row.required(columns.of("occurred_at")), columns.of("occurred_at")))
            .setAmount(Row.decimal(row.required(columns.of("amount")), columns.of("amount")))
            .setCurrency(currency(row, columns, defaultCurrency))
            .build());
    }

    private static String currency(CsvRows.Row row, ColumnNames columns, String defaultCurrency) {
        final String currency = row.optional(columns.of("currency"));
        return currency == null ? defaultCurrency : currency.toUpperCase(Locale.ROOT);
    }

    private static <T> Ingester.FileReader<T> csv(CsvRows.RowParser<T> parser) {
        return (file, rows, errors) -> {
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                CsvRows.read(reader, (line, row) -> new Row<>(line, parser.parse(line, row)), rows, errors);
            }
        };
    }
}
