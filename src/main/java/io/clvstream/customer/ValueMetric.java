package io.clvstream.customer;

/** A per-customer figure that tiers and alerts can be configured on. */
public enum ValueMetric {
    /** Net spend (purchases less refunds) in the current and the 11 preceding calendar months (UTC). */
    NET_SPEND_12M("net spend 12m"),
    /** Net revenue to date (historic CLV). */
    LIFETIME_NET_SPEND("lifetime net spend"),
    /** Formula CLV: AOV x orders/year x lifespan x margin ratio. */
    FORMULA_CLV("formula CLV"),
    /** Predictive CLV: BG/NBD (or Pareto/NBD) x Gamma-Gamma discounted over the configured horizon. */
    PREDICTED_CLV("predicted CLV");

    private final String label;

    ValueMetric(String label) {
        this.label = label;
    }

    /** Name for human-readable reasons. */
    public String label() {
        return label;
    }
}
