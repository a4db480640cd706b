package io.clvstream.predict;

import io.clvstream.model.PredictiveClv;

/**
 * The time unit of the BTYD models: x, t_x and T, α (and Pareto/NBD's β) are measured in it. Days in
 * production; weeks reproduce the literature (Fader, Hardie &amp; Lee 2005 fit CDNOW in weeks).
 */
public enum ModelTimeUnit {
    DAYS(1, PredictiveClv.DAYS_PER_MONTH),
    WEEKS(7, PredictiveClv.WEEKS_PER_MONTH);

    private static final double DAY_MS = 86_400_000.0;

    private final int days;
    private final double monthLength;

    ModelTimeUnit(int days, double monthLength) {
        this.days = days;
        this.monthLength = monthLength;
    }

    /** Days in one unit (1 or 7). */
    public int days() {
        return days;
    }

    /** lifetimes' month in this unit: 30 days or 4.345 weeks. */
    public double monthLength() {
        return monthLength;
    }

    public double fromDays(double dayCount) {
        return dayCount / days;
    }

    public double fromMillis(double millis) {
        return millis / (DAY_MS * days);
    }

    public double toMillis(double units) {
        return units * DAY_MS * days;
    }

    public static ModelTimeUnit parse(String text) {
        return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
