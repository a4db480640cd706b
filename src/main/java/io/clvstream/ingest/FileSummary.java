package io.clvstream.ingest;

import java.util.Locale;

/** What loading one file did: rows read (good and bad), sent (acknowledged by the broker), rejected. */
public record FileSummary(String name, long read, long sent, long rejected, long failed, double seconds) {

    public double rate() {
        return seconds <= 0 ? read : read / seconds;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: %,d rows read, %,d sent, %,d rejected%s in %.1f s (%,.0f rows/s)", name, read,
            sent, rejected, failed > 0 ? String.format(Locale.ROOT, ", %,d failed to send", failed) : "", seconds, rate());
    }
}
