package io.clvstream.model;

import java.util.List;

/**
 * Weighted totals of a fit's input: customers Σw, repeat purchases Σw·x and observation time Σw·T.
 * The transaction-model fits check identifiability and derive their cold starts from them.
 */
record RfmTotals(double customers, double repeat, double exposure) {

    static RfmTotals of(List<RfmRow> rows) {
        double customers = 0;
        double repeat = 0;
        double exposure = 0;
        for (RfmRow row : rows) {
            customers += row.weight();
            repeat += row.weight() * row.x();
            exposure += row.weight() * row.T();
        }
        return new RfmTotals(customers, repeat, exposure);
    }
}
