package io.clvstream.ingest;

import io.clvstream.avro.CustomerSignup;
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
 * Signup files: CSV with a header, {@code customer_id,signed_up_at} and optional
 * {@code acquisition_channel,segment,acquisition_cost,currency} (currency defaults to the base currency).
 */
public final class SignupFileReader {

    private final ColumnNames columns;
    private final String defaultCurrency;

    public SignupFileReader(ColumnNames columns, String defaultCurrency) {
        this.columns = columns;
        this.defaultCurrency = defaultCurrency;
    }

    public void read(Path file, Consumer<Row<CustomerSignup>> rows, Consumer<RowError> errors) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            CsvRows.read(reader, this::parse, rows, errors);
        }
    }

    private Row<CustomerSignup> parse(long line, CsvRows.Row row) {
        final String cost = row.optional(columns.of("acquisition_cost"));
        final String currency = row.optional(columns.of("currency"));
        return new Row<>(line, CustomerSignup.newBuilder()
            .setCustomerId(row.required(columns.of("customer_id")))
            .setSignedUpAt(Row.time(row.required(columns.of("signed_up_at")), columns.of("signed_up_at")))
            .setAcquisitionChannel(row.optional(columns.of("acquisition_channel")))
            .setSegment(row.optional(columns.of("segment")))
            .setAcquisitionCost(cost == null ? null : Row.decimal(cost, columns.of("acquisition_cost")))
            .setCurrency(currency == null ? defaultCurrency : currency.toUpperCase(Locale.ROOT))
            .build());
    }
}
