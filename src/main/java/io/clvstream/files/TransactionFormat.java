package io.clvstream.files;

/**
 * Transaction file layouts.
 * CSV: DESIGN.md's {@code customer_id,order_id,occurred_at,amount[,currency,gross_margin]} with a header.
 * CDNOW: the raw whitespace-separated CDNOW files as published by Fader and Hardie
 * ({@code customer_id [sample_id] YYYYMMDD number_of_cds dollar_value}, optional header line).
 */
public enum TransactionFormat { CSV, CDNOW }
