package io.clvstream.bench;

/**
 * What the bench's reference aggregate keeps and publishes. {@link #BARE}, the default, is issue #6's yardstick:
 * three numbers per customer, nothing published. With sizes, the same aggregate keeps {@code stateBytes} per
 * customer and publishes one value of {@code valueBytes} per event, so a run can measure what Kafka Streams
 * itself costs for clv-stream's shape of state and output, without any of clv-stream's own work.
 */
public record ReferenceShape(int stateBytes, int valueBytes) {

    public static final ReferenceShape BARE = new ReferenceShape(0, 0);

    public ReferenceShape {
        if (stateBytes < 0 || valueBytes < 0) {
            throw new IllegalArgumentException("Reference sizes must not be negative, got " + stateBytes + " and "
                + valueBytes);
        }
    }

    boolean publishes() {
        return valueBytes > 0;
    }

    boolean bare() {
        return equals(BARE);
    }

    String describe() {
        return bare() ? "groupByKey().aggregate()"
            : "aggregate, %d B state, %d B out per event".formatted(ReferenceTopology.stateBytes(this), valueBytes);
    }
}
