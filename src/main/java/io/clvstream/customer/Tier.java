package io.clvstream.customer;

/** One rung of the loyalty ladder: a customer qualifies when the tier metric is at least {@code thresholdCents}. */
public record Tier(String name, long thresholdCents) {
}
