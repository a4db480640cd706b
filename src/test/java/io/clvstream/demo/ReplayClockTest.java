package io.clvstream.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplayClockTest {

    private static final long DAY = 86_400_000L;
    private static final long FIRST = 852_076_800_000L; // 1997-01-01T00:00Z

    @Test
    void sevenDaysPerSecondPutsAWeekLaterOneSecondLater() {
        final ReplayClock clock = new ReplayClock(FIRST, 7, 1_000);

        assertThat(clock.wallTimeOf(FIRST)).isEqualTo(1_000);
        assertThat(clock.wallTimeOf(FIRST + 7 * DAY)).isEqualTo(2_000);
        assertThat(clock.wallTimeOf(FIRST + DAY)).isEqualTo(1_143); // 1000 + 1000/7 rounded
    }

    @Test
    void waitsOnlyForEventsThatAreNotDueYet() {
        final ReplayClock clock = new ReplayClock(FIRST, 2, 0);

        assertThat(clock.waitMillis(FIRST + 2 * DAY, 400)).isEqualTo(600);
        assertThat(clock.waitMillis(FIRST + 2 * DAY, 1_500)).isZero();
    }

    @Test
    void simulatedTimeIsTheInverse() {
        final ReplayClock clock = new ReplayClock(FIRST, 7, 5_000);

        assertThat(clock.simulatedTime(6_000)).isEqualTo(FIRST + 7 * DAY);
        assertThat(clock.simulatedTime(clock.wallTimeOf(FIRST + 70 * DAY))).isEqualTo(FIRST + 70 * DAY);
    }

    @Test
    void zeroSpeedSendsEverythingAtOnce() {
        final ReplayClock clock = new ReplayClock(FIRST, 0, 100);

        assertThat(clock.unpaced()).isTrue();
        assertThat(clock.waitMillis(FIRST + 500 * DAY, 100)).isZero();
        assertThat(ReplayClock.durationSeconds(FIRST, FIRST + 500 * DAY, 0)).isZero();
    }

    @Test
    void theSamplesEighteenMonthsTakeAboutEightySecondsByDefault() {
        final long last = FIRST + 545 * DAY; // 1998-06-30
        assertThat(ReplayClock.durationSeconds(FIRST, last, DemoOptions.DEFAULT_SPEED)).isBetween(60.0, 90.0);
    }
}
