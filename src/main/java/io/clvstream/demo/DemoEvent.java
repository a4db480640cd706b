package io.clvstream.demo;

import org.apache.avro.specific.SpecificRecord;

/** One input record of the replay, produced at its event time (the record timestamp) keyed by customer. */
public record DemoEvent(long timeMs, Kind kind, String customerId, SpecificRecord record) {

    /** Declared in the order events of the same instant are sent: a signup before its first order, a refund after. */
    public enum Kind { SIGNUP, PURCHASE, REFUND }
}
