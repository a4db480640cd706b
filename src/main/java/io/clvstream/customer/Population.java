package io.clvstream.customer;

/**
 * What a customer's figures take from the population's published statistics: the formula-CLV
 * priors of their segment and the HIGH_VALUE top-percent threshold.
 */
public interface Population {

    /** No population figures: configured priors, threshold alerts only. */
    Population NONE = new Population() {
        @Override
        public SegmentPrior prior(String segment) {
            return null;
        }

        @Override
        public TopPercent topPercent() {
            return null;
        }
    };

    /** The priors of {@code segment} (the signup's, possibly null), or null for the configured ones. */
    SegmentPrior prior(String segment);

    /** Where the configured top percent of the population starts, or null when unknown or off. */
    TopPercent topPercent();

    /** The HIGH_VALUE metric's value, in cents, at which a customer enters the top {@code percent}%. */
    record TopPercent(double percent, long thresholdCents) {
    }
}
