package io.clvstream.ingest;

import io.clvstream.files.CsvColumns;
import java.util.Map;
import java.util.Set;

/**
 * Header names of the input files: our names ({@code customer_id}, {@code amount}, ...) unless
 * mapped to an export's own ({@code --column customer_id=Email}). One mapping serves every file, as
 * the shared names mean the same in each.
 */
public final class ColumnNames {

    /** Every name that can be mapped, across purchases, signups and refunds. */
    public static final Set<String> KNOWN = Set.of("customer_id", "order_id", "occurred_at", "amount", "currency",
        "gross_margin", "signed_up_at", "acquisition_channel", "segment", "acquisition_cost", "refund_id");

    private final Map<String, String> mapping;

    public ColumnNames(Map<String, String> mapping) {
        mapping.keySet().forEach(name -> {
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("--column " + name + "=...: unknown column; known: " + KNOWN);
            }
        });
        this.mapping = Map.copyOf(mapping);
    }

    /** The header that holds {@code column}. */
    public String of(String column) {
        return mapping.getOrDefault(column, column);
    }

    public CsvColumns purchases() {
        return new CsvColumns(of("customer_id"), of("order_id"), of("occurred_at"), of("amount"), of("currency"),
            of("gross_margin"));
    }
}
