package io.clvstream.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UtcCalendarTest {

    /** The month index as java.time's UTC calendar gives it. */
    static int expectedMonth(long epochMs) {
        final ZonedDateTime time = Instant.ofEpochMilli(epochMs).atZone(ZoneOffset.UTC);
        return time.getYear() * 12 + time.getMonthValue() - 1;
    }

    @Test
    void monthMatchesTheUtcCalendarIncludingEdgesAndTimesBefore1970() {
        final SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 100_000; i++) {
            final long ms = random.nextLong(-5_000_000_000_000L, 5_000_000_000_000L);
            assertThat(UtcCalendar.month(ms)).as("%d", ms).isEqualTo(expectedMonth(ms));
        }
        for (final String edge : new String[] {"1969-12-31T23:59:59.999Z", "1970-01-01T00:00:00Z",
                "2024-02-29T23:59:59.999Z", "2024-03-01T00:00:00Z", "1899-12-31T23:59:59.999Z"}) {
            final long ms = Instant.parse(edge).toEpochMilli();
            assertThat(UtcCalendar.month(ms)).as(edge).isEqualTo(expectedMonth(ms));
            assertThat(UtcCalendar.monthStart(UtcCalendar.month(ms))).isLessThanOrEqualTo(ms);
        }
    }
}
