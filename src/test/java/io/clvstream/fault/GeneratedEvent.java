package io.clvstream.fault;

/**
 * One input event as the generator produced it, in cents and epoch millis; the checker's only
 * source of truth. A duplicate is the same event sent again (same id, same bytes).
 */
record GeneratedEvent(Kind kind, String customerId, String id, String orderId, long cents, long occurredAt,
                      String segment, boolean duplicate) {

    enum Kind { SIGNUP, PURCHASE, REFUND }
}
