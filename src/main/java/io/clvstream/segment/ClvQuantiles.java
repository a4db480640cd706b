package io.clvstream.segment;

/** CLV quantiles of a population, as published in SegmentStats. */
public record ClvQuantiles(double p50, double p90, double p99) {
}
