package io.clvstream.ingest;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of one file on stderr: a bar redrawn in place with rate and ETA on a terminal, a plain
 * line every few seconds otherwise (logs and CI keep readable output).
 */
final class Progress {

    private static final long TERMINAL_EVERY_NANOS = 100_000_000L;
    private static final long PLAIN_EVERY_NANOS = 5_000_000_000L;
    private static final int BAR = 30;

    private final PrintWriter out;
    private final boolean terminal;
    private final String name;
    private final long total;
    private final long startNanos = System.nanoTime();
    private long lastNanos = startNanos;
    private boolean drawn;

    /** {@code total} is the number of data lines, for the percentage and ETA. */
    Progress(PrintWriter out, boolean terminal, String name, long total) {
        this.out = out;
        this.terminal = terminal;
        this.name = name;
        this.total = Math.max(total, 1);
    }

    /** Called after each row; draws at most every 100 ms (terminal) or 5 s (otherwise). */
    void update(long done) {
        final long now = System.nanoTime();
        if (now - lastNanos < (terminal ? TERMINAL_EVERY_NANOS : PLAIN_EVERY_NANOS)) {
            return;
        }
        lastNanos = now;
        final double seconds = (now - startNanos) / 1e9;
        final double rate = done / Math.max(seconds, 1e-9);
        final long remaining = Math.max(0, total - done);
        final String eta = rate > 0 ? formatSeconds(remaining / rate) : "?";
        final int percent = (int) Math.min(100, done * 100 / total);
        if (terminal) {
            final int filled = percent * BAR / 100;
            out.print(String.format(Locale.ROOT, "\r%s [%s%s] %3d%% %,d/%,d rows %,.0f rows/s ETA %s   ", name,
                "#".repeat(filled), ".".repeat(BAR - filled), percent, done, total, rate, eta));
            drawn = true;
        } else {
            out.println(String.format(Locale.ROOT, "%s: %,d/%,d rows (%d%%), %,.0f rows/s, ETA %s", name, done, total,
                percent, rate, eta));
        }
        out.flush();
    }

    /** Ends the bar's line so the summary starts on a fresh one. */
    void finish() {
        if (drawn) {
            out.println();
            out.flush();
        }
    }

    private static String formatSeconds(double seconds) {
        final long s = Math.round(seconds);
        return s < 60 ? s + "s" : s / 60 + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
    }
}
