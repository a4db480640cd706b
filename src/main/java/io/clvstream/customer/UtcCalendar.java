package io.clvstream.customer;

import java.time.LocalDate;
import java.time.ZoneOffset;

/** Days and months of epoch-millisecond event times, in UTC so every instance buckets alike. */
public final class UtcCalendar {

    public static final long DAY_MS = 86_400_000L;
    /** A Julian year (365.25 days): the unit of purchase frequency and tenure. */
    public static final double YEAR_MS = 365.25 * DAY_MS;

    private UtcCalendar() {
    }

    public static int day(long epochMs) {
        return Math.toIntExact(Math.floorDiv(epochMs, DAY_MS));
    }

    /** Month index: year * 12 + month - 1. */
    public static int month(long epochMs) {
        // Through the epoch day: a LocalDate is cheaper than a ZonedDateTime, and in UTC the month is the same.
        return monthOfDay(day(epochMs));
    }

    public static int monthOfDay(int epochDay) {
        final LocalDate date = LocalDate.ofEpochDay(epochDay);
        return date.getYear() * 12 + date.getMonthValue() - 1;
    }

    /** Epoch milliseconds of the first instant of a month index. */
    public static long monthStart(int month) {
        return LocalDate.of(Math.floorDiv(month, 12), Math.floorMod(month, 12) + 1, 1)
            .atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
}
