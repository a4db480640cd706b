package io.clvstream.demo;

/**
 * Maps event time to wall-clock time for a replay at {@code daysPerSecond} simulated days per real
 * second, starting at {@code firstEventMs} when the wall clock reads {@code wallStartMs}. A speed of
 * zero or less means as fast as possible. Pure arithmetic, so pacing is tested without sleeping.
 */
public record ReplayClock(long firstEventMs, double daysPerSecond, long wallStartMs) {

    private static final double DAY_MS = 86_400_000d;

    public boolean unpaced() {
        return !(daysPerSecond > 0);
    }

    /** Wall-clock time at which the event at {@code eventMs} is due. */
    public long wallTimeOf(long eventMs) {
        if (unpaced()) {
            return wallStartMs;
        }
        return wallStartMs + Math.round((eventMs - firstEventMs) / DAY_MS / daysPerSecond * 1000);
    }

    /** How long to wait at {@code nowWallMs} before sending the event at {@code eventMs}; 0 when it is due. */
    public long waitMillis(long eventMs, long nowWallMs) {
        return Math.max(0, wallTimeOf(eventMs) - nowWallMs);
    }

    /** The simulated time shown at {@code nowWallMs}: how far the replay should have got. */
    public long simulatedTime(long nowWallMs) {
        if (unpaced()) {
            return firstEventMs;
        }
        return firstEventMs + Math.round((nowWallMs - wallStartMs) / 1000d * daysPerSecond * DAY_MS);
    }

    /** Real seconds a replay spanning {@code firstEventMs}..{@code lastEventMs} takes at this speed. */
    public static double durationSeconds(long firstEventMs, long lastEventMs, double daysPerSecond) {
        return daysPerSecond > 0 ? (lastEventMs - firstEventMs) / DAY_MS / daysPerSecond : 0;
    }
}
