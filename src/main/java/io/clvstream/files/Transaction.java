package io.clvstream.files;

import java.math.BigDecimal;
import java.time.Instant;

/** One order read from a transaction file; {@code line} is its 1-based line number in the file. */
public record Transaction(
    long line,
    String customerId,
    String orderId,
    Instant occurredAt,
    BigDecimal amount,
    String currency,
    BigDecimal grossMargin) {
}
