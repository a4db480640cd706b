package io.clvstream.demo;

import io.clvstream.avro.CustomerSignup;
import io.clvstream.avro.Refund;
import io.clvstream.files.Transaction;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Signups and refunds made up for the demo, because CDNOW has only orders and the demo should show
 * segments, acquisition costs (net CLV, LTV:CAC) and refunds too. Chosen from {@link String#hashCode()}
 * of the ids, whose value Java specifies, so every run and every machine replays the same events.
 */
final class DemoExtras {

    /** An acquisition channel and what a customer from it costs. */
    record Channel(String name, BigDecimal cost) {
    }

    static final List<Channel> CHANNELS = List.of(
        new Channel("search", new BigDecimal("18.00")),
        new Channel("social", new BigDecimal("12.00")),
        new Channel("referral", new BigDecimal("4.00")),
        new Channel("email", new BigDecimal("2.50")));
    static final List<String> SEGMENTS = List.of("club", "web", "gift");
    /** One customer in ten never signs up (DESIGN.md: signups may never come). */
    static final int NO_SIGNUP_ONE_IN = 10;
    /** About one order in forty is refunded a week later, alternately in full and in half. */
    static final int REFUND_ONE_IN = 40;
    static final Duration REFUND_AFTER = Duration.ofDays(7);

    private DemoExtras() {
    }

    /** The signup of a customer whose first order is {@code first}: 0-2 days before it, or none. */
    static Optional<CustomerSignup> signup(String customerId, Instant first, String currency) {
        final int hash = Math.abs(customerId.hashCode() % 1_000_003);
        if (hash % NO_SIGNUP_ONE_IN == 0) {
            return Optional.empty();
        }
        final Channel channel = CHANNELS.get(hash / NO_SIGNUP_ONE_IN % CHANNELS.size());
        return Optional.of(CustomerSignup.newBuilder()
            .setCustomerId(customerId)
            .setSignedUpAt(first.minus(Duration.ofDays(hash % 3)))
            .setAcquisitionChannel(channel.name())
            .setSegment(SEGMENTS.get(hash / 7 % SEGMENTS.size()))
            .setAcquisitionCost(channel.cost())
            .setCurrency(currency)
            .build());
    }

    /**
     * The refund of {@code order}, if it is one of the refunded ones, issued a week later but not
     * after {@code end} (so the replay does not outlast the data). Zero-value orders are never refunded.
     */
    static Optional<Refund> refund(Transaction order, Instant end) {
        final int hash = Math.abs(order.orderId().hashCode() % 1_000_003);
        if (hash % REFUND_ONE_IN != 0 || order.amount().signum() <= 0) {
            return Optional.empty();
        }
        final boolean full = hash / REFUND_ONE_IN % 2 == 0;
        final BigDecimal amount = full ? order.amount()
            : order.amount().divide(BigDecimal.valueOf(2), 2, RoundingMode.DOWN);
        if (amount.signum() <= 0) {
            return Optional.empty();
        }
        final Instant later = order.occurredAt().plus(REFUND_AFTER);
        return Optional.of(Refund.newBuilder()
            .setRefundId("refund-" + order.orderId())
            .setOrderId(order.orderId())
            .setCustomerId(order.customerId())
            .setOccurredAt(later.isAfter(end) ? end : later)
            .setAmount(amount.setScale(2, RoundingMode.UNNECESSARY))
            .setCurrency(order.currency())
            .build());
    }
}
