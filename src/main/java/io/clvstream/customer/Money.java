package io.clvstream.customer;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Money inside the topology is a long count of base-currency cents: exact, and a small varint in
 * the state store. Output records carry decimal(18,2), hence scale 2 throughout.
 */
public final class Money {

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
        return BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_EVEN);
    }
}
