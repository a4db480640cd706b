package io.clvstream.customer;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Money inside the topology is a long count of base-currency cents: exact, and a small varint in
 * the state store. Output records carry decimal(18,2), hence scale 2 throughout.
 */
public final class Money {

    private static final double DIRECT_LIMIT = 1e7;
    private static final double TIE_MARGIN = 1e-6;

    private Money() {
    }

    public static long toCents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
    }

    public static BigDecimal toDecimal(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    /** A double figure (a formula result) as decimal(18,2). */
    public static BigDecimal toDecimal(double amount) {
        return BigDecimal.valueOf(toCents(amount), 2);
    }

    /**
     * A double figure in cents, rounded half-even from its decimal form ({@link BigDecimal#valueOf(double)}).
     * That form goes through {@code Double.toString}, which cost more than the rest of building a CustomerValue;
     * so below {@link #DIRECT_LIMIT} the cents come from the product {@code amount * 100}, whose distance from
     * the decimal form's hundredths (the amount's own rounding and the product's, together under 2e-7 there)
     * cannot change the nearest cent unless the hundredths sit within {@link #TIE_MARGIN} of a half cent. Only
     * there do the decimal digits decide (a true tie rounds to even), and the decimal route is taken.
     */
    public static long toCents(double amount) {
        if (Math.abs(amount) < DIRECT_LIMIT) {
            final double hundredths = amount * 100;
            final double floor = Math.floor(hundredths);
            final double fraction = hundredths - floor;
            if (Math.abs(fraction - 0.5) > TIE_MARGIN) {
                return (long) (fraction < 0.5 ? floor : floor + 1);
            }
        }
        return toCents(BigDecimal.valueOf(amount));
    }
}
