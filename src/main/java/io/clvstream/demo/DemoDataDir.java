package io.clvstream.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The demo's data directory and its marker file, which says the directory belongs to the demo (so
 * only such a directory is ever deleted) and whether its replay finished. A finished demo is shown
 * again without replaying (a second replay would double-count orders older than the deduplication
 * window); an interrupted one, or any with {@code --fresh}, starts over.
 */
public final class DemoDataDir {

    public static final String MARKER = ".clv-demo";

    /** What to do with the directory, and the line to tell the user about it (empty when nothing to say). */
    public record Plan(boolean replay, String message) {
    }

    private final Path dir;

    public DemoDataDir(Path dir) {
        this.dir = dir;
    }

    public Plan prepare(boolean fresh, String input) {
        final Optional<Properties> marker = marker();
        if (marker.isEmpty() && !isEmpty()) {
            throw new IllegalArgumentException(dir + " holds data that clv demo did not create; choose another"
                + " --data-dir (the demo only ever deletes its own data)");
        }
        if (marker.isEmpty()) {
            start(input);
            return new Plan(true, "");
        }
        final Properties earlier = marker.get();
        if (fresh) {
            deleteAndStart(input);
            return new Plan(true, "starting fresh: deleted the earlier demo in " + dir);
        }
        if (!"finished".equals(earlier.getProperty("state"))) {
            deleteAndStart(input);
            return new Plan(true, "the earlier demo in " + dir + " did not finish; starting it again");
        }
        return new Plan(false, "resuming the earlier demo in " + dir + " (it replayed "
            + earlier.getProperty("events", "?") + " events of " + earlier.getProperty("input", "?")
            + "): showing its results without replaying; add --fresh to replay from scratch");
    }

    public void finished(long events) {
        final Properties marker = marker().orElseGet(Properties::new);
        marker.setProperty("state", "finished");
        marker.setProperty("events", Long.toString(events));
        write(marker);
    }

    private void deleteAndStart(String input) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the earlier demo in " + dir + ": " + e.getMessage(), e);
        }
        start(input);
    }

    private void start(String input) {
        final Properties marker = new Properties();
        marker.setProperty("state", "started");
        marker.setProperty("input", input);
        write(marker);
    }

    private boolean isEmpty() {
        if (!Files.isDirectory(dir)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + dir + ": " + e.getMessage(), e);
        }
    }

    private Optional<Properties> marker() {
        final Path file = dir.resolve(MARKER);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        final Properties marker = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            marker.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        return Optional.of(marker);
    }

    private void write(Properties marker) {
        try {
            Files.createDirectories(dir);
            try (OutputStream out = Files.newOutputStream(dir.resolve(MARKER))) {
                marker.store(out, "clv demo: this directory belongs to the demo; --fresh deletes it");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to " + dir + ": " + e.getMessage(), e);
        }
    }
}
