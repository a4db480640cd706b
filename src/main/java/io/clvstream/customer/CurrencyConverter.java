package io.clvstream.customer;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/** Converts amounts to base-currency cents with the configured rate table. */
public final class CurrencyConverter {

    private final String base;
    private final Map<String, BigDecimal> rates;

    public CurrencyConverter(String base, Map<String, BigDecimal> rates) {
        this.base = base;
        this.rates = rates;
    }

    /** {@code amount} in {@code currency} as base-currency cents, rounded half-even. */
    public long toBaseCents(BigDecimal amount, String currency) {
        final String code = currency == null ? "" : currency.trim().toUpperCase(Locale.ROOT);
        if (code.equals(base)) {
            return Money.toCents(amount);
        }
        final BigDecimal rate = rates.get(code);
        if (rate == null) {
            throw new InvalidEventException(InvalidEventException.Code.UNKNOWN_CURRENCY,
                "Unknown currency '" + currency + "': not the base currency " + base + " and not in clv.currency.rates");
        }
        return Money.toCents(amount.multiply(rate));
    }
}
