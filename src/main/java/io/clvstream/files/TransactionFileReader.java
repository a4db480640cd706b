package io.clvstream.files;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Reads transaction files row by row. A row that cannot be read is reported with its line number
 * and the reason, and reading goes on: one bad row must not cost the user the rest of the file.
 */
public final class TransactionFileReader {

    private static final DateTimeFormatter CDNOW_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private final TransactionFormat format;
    private final CsvColumns columns;
    private final String defaultCurrency;

    public TransactionFileReader(TransactionFormat format, CsvColumns columns, String defaultCurrency) {
        this.format = format;
        this.columns = columns;
        this.defaultCurrency = defaultCurrency;
    }

    public static TransactionFileReader csv(String defaultCurrency) {
        return new TransactionFileReader(TransactionFormat.CSV, CsvColumns.DEFAULT, defaultCurrency);
    }

    public static TransactionFileReader cdnow() {
        return new TransactionFileReader(TransactionFormat.CDNOW, CsvColumns.DEFAULT, "USD");
    }

    /** Reads {@code file}, handing each transaction to {@code rows} and each unreadable line to {@code errors}. */
    public void read(Path file, Consumer<Transaction> rows, Consumer<RowError> errors) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            read(reader, rows, errors);
        }
    }

    /** Reads from {@code reader} (e.g. a file shipped inside the jar), which the caller closes. */
    public void read(BufferedReader reader, Consumer<Transaction> rows, Consumer<RowError> errors) throws IOException {
        if (format == TransactionFormat.CSV) {
            CsvRows.read(reader, this::parseCsv, rows, errors);
        } else {
            readCdnow(reader, rows, errors);
        }
    }

    private Transaction parseCsv(long line, CsvRows.Row row) {
        final String customerId = row.required(columns.customerId());
        final String currency = row.optional(columns.currency());
        final String margin = row.optional(columns.grossMargin());
        return new Transaction(line, customerId, row.required(columns.orderId()),
            parseTime(row.required(columns.occurredAt())), decimal(row.required(columns.amount()), columns.amount()),
            currency == null ? defaultCurrency : currency.toUpperCase(Locale.ROOT),
            margin == null ? null : decimal(margin, columns.grossMargin()));
    }

    private void readCdnow(BufferedReader reader, Consumer<Transaction> rows, Consumer<RowError> errors) throws IOException {
        String text;
        long line = 0;
        while ((text = reader.readLine()) != null) {
            line++;
            final String[] f = text.trim().split("\\s+");
            if (f.length == 1 && f[0].isEmpty() || line == 1 && f[0].equalsIgnoreCase("customer_id")) {
                continue;
            }
            if (f.length != 4 && f.length != 5) {
                errors.accept(new RowError(line, "expected 4 or 5 whitespace-separated fields, found " + f.length));
                continue;
            }
            final int date = f.length == 5 ? 2 : 1;
            try {
                final Instant day = LocalDate.parse(f[date], CDNOW_DATE).atStartOfDay(ZoneOffset.UTC).toInstant();
                rows.accept(new Transaction(line, f[0], "cdnow-" + f[0] + "-" + line, day,
                    decimal(f[date + 2], "dollar_value"), "USD", null));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                errors.accept(new RowError(line, e.getMessage()));
            }
        }
    }

    /** ISO-8601 date (midnight UTC), date-time with offset, or local date-time (taken as UTC). */
    public static Instant parseTime(String text) {
        try {
            if (text.length() <= 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("occurred_at '" + text + "' is not an ISO-8601 date or date-time");
        }
    }

    private static BigDecimal decimal(String text, String column) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " '" + text + "' is not a number");
        }
    }
}
