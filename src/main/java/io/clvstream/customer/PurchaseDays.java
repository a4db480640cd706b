package io.clvstream.customer;

import java.util.ArrayList;
import java.util.List;

/**
 * The distinct days with a kept order, stored as the first epoch day followed by the gaps between
 * consecutive days: a customer who buys every few weeks costs one byte per purchase day.
 */
final class PurchaseDays {

    private PurchaseDays() {
    }

    static List<Integer> decode(List<Integer> gaps) {
        final List<Integer> days = new ArrayList<>(gaps.size() + 1);
        int day = 0;
        for (int i = 0; i < gaps.size(); i++) {
            day = i == 0 ? gaps.get(0) : day + gaps.get(i);
            days.add(day);
        }
        return days;
    }

    /** The latest day of a non-empty list of gaps, without decoding the list. */
    static int last(List<Integer> gaps) {
        int day = 0;
        for (final Integer gap : gaps) {
            day += gap;
        }
        return day;
    }

    static List<Integer> encode(List<Integer> days) {
        final List<Integer> gaps = new ArrayList<>(days.size());
        for (int i = 0; i < days.size(); i++) {
            gaps.add(i == 0 ? days.get(0) : days.get(i) - days.get(i - 1));
        }
        return gaps;
    }
}
