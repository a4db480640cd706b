package io.clvstream.files;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Header-addressed CSV rows, each line parsed by Jackson's CSV parser (quotes, escapes) on its own so
 * that a malformed line costs only itself and every error carries its exact line number.
 * Multi-line quoted fields are not supported; transaction exports do not use them.
 */
public final class CsvRows {

    /** One parsed line, addressed by header name. */
    public record Row(Map<String, String> fields) {
        public String required(String column) {
            final String value = fields.get(column);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("missing " + column);
            }
            return value.trim();
        }

        public String optional(String column) {
            final String value = fields.get(column);
            return value == null || value.isBlank() ? null : value.trim();
        }
    }

    /** Maps a row to a record; throws IllegalArgumentException with a readable message for a bad row. */
    @FunctionalInterface
    public interface RowParser<T> {
        T parse(long line, Row row);
    }

    private static final ObjectReader LINE_READER = new CsvMapper()
        .enable(CsvParser.Feature.TRIM_SPACES)
        .readerFor(String[].class);

    private CsvRows() {
    }

    public static <T> void read(BufferedReader reader, RowParser<T> parser, Consumer<T> rows, Consumer<RowError> errors)
        throws IOException {
        String text = reader.readLine();
        if (text == null) {
            return;
        }
        final String[] header = fields(text.replace("\uFEFF", ""));
        long line = 1;
        while ((text = reader.readLine()) != null) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            try {
                final String[] values = fields(text);
                if (values.length > header.length) {
                    throw new IllegalArgumentException(values.length + " fields but the header has " + header.length);
                }
                final Map<String, String> byName = new HashMap<>();
                for (int i = 0; i < values.length; i++) {
                    byName.put(header[i].trim(), values[i]);
                }
                rows.accept(parser.parse(line, new Row(byName)));
            } catch (IllegalArgumentException | IOException e) {
                errors.accept(new RowError(line, e.getMessage()));
            }
        }
    }

    private static String[] fields(String line) throws IOException {
        return LINE_READER.readValue(line);
    }
}
