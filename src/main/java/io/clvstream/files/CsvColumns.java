package io.clvstream.files;

/**
 * Which header names hold each field, so exports with other column names (e.g. Shopify's
 * "Email" / "Name" / "Created at" / "Total") load without editing the file.
 */
public record CsvColumns(
    String customerId,
    String orderId,
    String occurredAt,
    String amount,
    String currency,
    String grossMargin) {

    public static final CsvColumns DEFAULT =
        new CsvColumns("customer_id", "order_id", "occurred_at", "amount", "currency", "gross_margin");
}
