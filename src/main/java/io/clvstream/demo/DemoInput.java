package io.clvstream.demo;

import io.clvstream.files.RowError;
import io.clvstream.files.Transaction;
import io.clvstream.files.TransactionFileReader;
import io.clvstream.files.TransactionFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The transactions to replay: a user's file, or the CDNOW sample shipped inside the jar. */
public record DemoInput(String description, List<Transaction> transactions, List<RowError> errors) {

    /** Classpath location of the shipped sample (see its README next to it for origin and credit). */
    public static final String SAMPLE = "/demo/CDNOW_sample.txt";

    public static DemoInput sample() {
        try (InputStream in = DemoInput.class.getResourceAsStream(SAMPLE)) {
            if (in == null) {
                throw new IllegalStateException("The CDNOW sample " + SAMPLE + " is missing from the classpath");
            }
            return read("the CDNOW sample", TransactionFileReader.cdnow(),
                new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the CDNOW sample", e);
        }
    }

    public static DemoInput file(Path file, TransactionFormat format, String currency) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("No such file: " + file);
        }
        final TransactionFileReader reader = format == TransactionFormat.CDNOW
            ? TransactionFileReader.cdnow() : TransactionFileReader.csv(currency);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(file.toString(), reader, in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The raw CDNOW layout has no commas; every CSV line has some. */
    public static boolean looksLikeCdnow(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    return !line.contains(",");
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static DemoInput read(String description, TransactionFileReader reader, BufferedReader in) throws IOException {
        final List<Transaction> rows = new ArrayList<>();
        final List<RowError> errors = new ArrayList<>();
        reader.read(in, rows::add, errors::add);
        return new DemoInput(description, List.copyOf(rows), List.copyOf(errors));
    }
}
