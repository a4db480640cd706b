package io.clvstream.customer;

import io.clvstream.avro.internal.CustomerState;
import java.util.ArrayList;
import java.util.List;

/**
 * Net spend per calendar month for the rolling 12 months, newest first. Months older than the
 * newest month seen minus 11 fall off; zero months at the old end are not stored.
 */
public final class MonthlySpend {

    static final int MONTHS = 12;

    private MonthlySpend() {
    }

    static void add(CustomerState state, int month, long cents) {
        final List<Long> buckets = new ArrayList<>(state.getSpendByMonth());
        if (buckets.isEmpty()) {
            state.setSpendMonth(month);
        } else if (month > state.getSpendMonth()) {
            final int shift = month - state.getSpendMonth();
            for (int i = 0; i < Math.min(shift, MONTHS); i++) {
                buckets.add(0, 0L);
            }
            state.setSpendMonth(month);
        }
        final int index = state.getSpendMonth() - month;
        if (index < MONTHS) {
            while (buckets.size() <= index) {
                buckets.add(0L);
            }
            buckets.set(index, buckets.get(index) + cents);
        }
        while (buckets.size() > MONTHS || !buckets.isEmpty() && buckets.get(buckets.size() - 1) == 0L) {
            buckets.remove(buckets.size() - 1);
        }
        state.setSpendByMonth(buckets);
    }

    /** Net spend in the 12 calendar months ending with the month of {@code asOfMs}. */
    public static long last12Months(CustomerState state, long asOfMs) {
        final int current = UtcCalendar.month(asOfMs);
        long sum = 0;
        final List<Long> buckets = state.getSpendByMonth();
        for (int i = 0; i < buckets.size(); i++) {
            final int month = state.getSpendMonth() - i;
            if (month <= current && month > current - MONTHS) {
                sum += buckets.get(i);
            }
        }
        return sum;
    }

    /** When the oldest month with spend leaves the rolling window after {@code asOfMs}; null when nothing will. */
    public static Long nextRollOff(CustomerState state, long asOfMs) {
        final int current = UtcCalendar.month(asOfMs);
        final List<Long> buckets = state.getSpendByMonth();
        for (int i = buckets.size() - 1; i >= 0; i--) {
            final int month = state.getSpendMonth() - i;
            if (buckets.get(i) != 0L && month + MONTHS > current) {
                return UtcCalendar.monthStart(month + MONTHS);
            }
        }
        return null;
    }
}
