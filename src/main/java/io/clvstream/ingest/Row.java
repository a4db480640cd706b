package io.clvstream.ingest;

import io.clvstream.files.TransactionFileReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/** One record read from line {@code line} of an input file. */
public record Row<T>(long line, T record) {

    /**
     * A money column as decimal(18,2), the scale of every amount in the schemas; more decimals than
     * that are rejected rather than rounded silently.
     */
    static BigDecimal decimal(String text, String column) {
        try {
            return new BigDecimal(text).setScale(2, RoundingMode.UNNECESSARY);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " '" + text + "' is not a number");
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(column + " '" + text + "' has more than 2 decimals");
        }
    }

    /** An ISO-8601 date or date-time column (see {@link TransactionFileReader#parseTime}). */
    static Instant time(String text, String column) {
        try {
            return TransactionFileReader.parseTime(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(column + " '" + text + "' is not an ISO-8601 date or date-time");
        }
    }
}
