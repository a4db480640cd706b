package io.clvstream.topology;

import io.clvstream.avro.CustomerSignup;
import io.clvstream.avro.Purchase;
import io.clvstream.avro.Refund;
import io.clvstream.config.TopicNames;
import io.clvstream.serde.ClvSerdes;
import io.clvstream.serde.WireFormat;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates the fuzz test's input: valid purchases, refunds and signups (some with a null or wrong
 * key, so they take the repartition path), interleaved three to one with records that must be
 * rejected, each with the reason code it must be rejected for.
 */
final class FuzzInput {

    /** One input record; {@code expectedCode} is null for a valid record, which then has an {@code event}. */
    record Item(String topic, byte[] key, byte[] value, long timestamp, String expectedCode, String description,
                FuzzExpectation.Event event) {
    }

    static final Set<String> ALL_CODES = Set.of("EMPTY", "BAD_MAGIC_BYTE", "TRUNCATED", "UNKNOWN_SCHEMA_ID",
        "WRONG_RECORD_TYPE", "MALFORMED_AVRO", "MISSING_ID", "NEGATIVE_AMOUNT", "NON_POSITIVE_REFUND", "FUTURE_TIMESTAMP",
        "UNKNOWN_CURRENCY", "TIMESTAMP_TOO_OLD", "REFUND_EXCEEDS_ORDER");
    private static final int CUSTOMERS = 150;
    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    private final SplittableRandom random;
    private final ClvSerdes serdes;
    private final TopicNames topics;
    private final Instant clock;
    private final List<String> inputTopics;
    private long ids;

    FuzzInput(SplittableRandom random, ClvSerdes serdes, TopicNames topics, Instant clock) {
        this.random = random;
        this.serdes = serdes;
        this.topics = topics;
        this.clock = clock;
        this.inputTopics = List.of(topics.purchases(), topics.refunds(), topics.signups());
    }

    Item next(FuzzExpectation state) {
        return random.nextInt(4) == 0 ? valid(state) : bad(state);
    }

    private Item valid(FuzzExpectation state) {
        final String customer = customer();
        final int kind = random.nextInt(20);
        if (kind < 5) {
            final List<Map.Entry<String, FuzzExpectation.Order>> refundable = state.orders(customer).entrySet().stream()
                .filter(e -> e.getValue().remaining() > 0).toList();
            if (!refundable.isEmpty()) {
                final var order = refundable.get(random.nextInt(refundable.size()));
                final long remaining = order.getValue().remaining();
                final long cents = random.nextInt(3) == 0 ? remaining : 1 + random.nextLong(remaining);
                return validRefund(customer, order.getKey(), cents);
            }
        } else if (kind == 5) {
            return validRefund(customer, "unknown-" + ids++, 1 + random.nextLong(20_000));
        } else if (kind < 9 && !state.signedUp(customer)) {
            final String segment = random.nextBoolean() ? null : random.nextBoolean() ? "retail" : "b2b";
            final CustomerSignup signup = signup(customer, time(), random.nextBoolean() ? null : cents(random.nextLong(10_000)), "USD");
            signup.setSegment(segment);
            return good(topics.signups(), customer, serdes.signup().serializer().serialize(topics.signups(), signup),
                new FuzzExpectation.Event(FuzzExpectation.Type.SIGNUP, customer, null, 0, 0, segment));
        }
        final long cents = random.nextLong(50_000);
        final boolean euro = random.nextInt(5) == 0;
        final Instant at = time();
        final Purchase purchase = purchase(customer, at, cents(cents), euro ? "EUR" : "USD");
        // EUR:2 in the test's rate table: one euro cent is two base cents, exactly.
        return good(topics.purchases(), customer, encode(purchase), new FuzzExpectation.Event(FuzzExpectation.Type.PURCHASE,
            customer, purchase.getOrderId(), Math.floorDiv(at.toEpochMilli(), DAY_MS), euro ? 2 * cents : cents, null));
    }

    private Item validRefund(String customer, String orderId, long cents) {
        final Refund refund = refund(customer, orderId, cents(cents), time());
        return good(topics.refunds(), customer, encode(refund),
            new FuzzExpectation.Event(FuzzExpectation.Type.REFUND, customer, orderId, 0, cents, null));
    }

    private Item good(String topic, String customer, byte[] value, FuzzExpectation.Event event) {
        final int keying = random.nextInt(20);
        final String key = keying == 0 ? null : keying == 1 ? customer() : customer;
        return new Item(topic, key == null ? null : bytes(key), value, clock.toEpochMilli() - random.nextLong(DAY_MS),
            null, "valid", event);
    }

    private Item bad(FuzzExpectation state) {
        final String topic = inputTopics.get(random.nextInt(inputTopics.size()));
        final byte[] valid = validBytes(topic);
        return switch (random.nextInt(14)) {
            case 0 -> {
                final byte[] noise = randomBytes(1 + random.nextInt(64));
                noise[0] = (byte) (1 + random.nextInt(255));
                yield bad(topic, noise, "BAD_MAGIC_BYTE", "random bytes");
            }
            case 1 -> {
                final byte[] magic = valid.clone();
                magic[0] = (byte) (1 + random.nextInt(255));
                yield bad(topic, magic, "BAD_MAGIC_BYTE", "wrong magic byte");
            }
            case 2 -> random.nextBoolean() ? bad(topic, null, "EMPTY", "tombstone") : bad(topic, new byte[0], "EMPTY", "no bytes");
            case 3 -> bad(topic, Arrays.copyOf(valid, 1 + random.nextInt(WireFormat.HEADER_SIZE - 1)), "TRUNCATED", "short header");
            case 4 -> bad(topic, Arrays.copyOf(valid, WireFormat.HEADER_SIZE + random.nextInt(valid.length - WireFormat.HEADER_SIZE)),
                "MALFORMED_AVRO", "truncated Avro body");
            case 5 -> {
                final byte[] trailing = Arrays.copyOf(valid, valid.length + 1 + random.nextInt(8));
                yield bad(topic, trailing, "MALFORMED_AVRO", "trailing bytes");
            }
            case 6 -> bad(topic, WireFormat.frame(100_000 + random.nextInt(1_000_000),
                Arrays.copyOfRange(valid, WireFormat.HEADER_SIZE, valid.length)), "UNKNOWN_SCHEMA_ID", "unknown schema id");
            case 7 -> {
                final String other = inputTopics.get((inputTopics.indexOf(topic) + 1 + random.nextInt(2)) % 3);
                yield bad(topic, validBytes(other), "WRONG_RECORD_TYPE", "a record of " + other);
            }
            case 8 -> missingId(topic);
            case 9 -> negative(topic);
            case 10 -> timed(topic, clock.plusMillis(DAY_MS + 1 + random.nextLong(1_000L * DAY_MS)), "FUTURE_TIMESTAMP");
            case 11 -> timed(topic, Instant.parse("1899-12-31T23:59:59Z").minusMillis(random.nextLong(100_000L * DAY_MS)),
                "TIMESTAMP_TOO_OLD");
            case 12 -> unknownCurrency(topic);
            default -> refundAboveOrder(state);
        };
    }

    private Item missingId(String topic) {
        final String blank = random.nextBoolean() ? "" : " \t";
        if (topic.equals(topics.purchases())) {
            final Purchase p = purchase(customer(), time(), cents(100), "USD");
            if (random.nextBoolean()) {
                p.setOrderId(blank);
            } else {
                p.setCustomerId(blank);
            }
            return bad(topic, encode(p), "MISSING_ID", "blank id");
        }
        if (topic.equals(topics.refunds())) {
            final Refund r = refund(customer(), "o", cents(100), time());
            switch (random.nextInt(3)) {
                case 0 -> r.setRefundId(blank);
                case 1 -> r.setOrderId(blank);
                default -> r.setCustomerId(blank);
            }
            return bad(topic, encode(r), "MISSING_ID", "blank id");
        }
        return bad(topic, encodeSignup(signup(blank, time(), null, "USD")), "MISSING_ID", "blank id");
    }

    private Item negative(String topic) {
        final BigDecimal amount = cents(-1 - random.nextLong(100_000));
        if (topic.equals(topics.purchases())) {
            return bad(topic, encode(purchase(customer(), time(), amount, "USD")), "NEGATIVE_AMOUNT", "negative amount");
        }
        if (topic.equals(topics.refunds())) {
            final BigDecimal nonPositive = random.nextBoolean() ? BigDecimal.ZERO.setScale(2) : amount;
            return bad(topic, encode(refund(customer(), "o", nonPositive, time())), "NON_POSITIVE_REFUND", "refund <= 0");
        }
        return bad(topic, encodeSignup(signup(customer(), time(), amount, "USD")), "NEGATIVE_AMOUNT", "negative CAC");
    }

    private Item timed(String topic, Instant at, String code) {
        if (topic.equals(topics.purchases())) {
            return bad(topic, encode(purchase(customer(), at, cents(100), "USD")), code, "event time " + at);
        }
        if (topic.equals(topics.refunds())) {
            return bad(topic, encode(refund(customer(), "o", cents(100), at)), code, "event time " + at);
        }
        return bad(topic, encodeSignup(signup(customer(), at, null, "USD")), code, "event time " + at);
    }

    private Item unknownCurrency(String topic) {
        final String currency = random.nextBoolean() ? "XYZ" : "";
        if (topic.equals(topics.purchases())) {
            return bad(topic, encode(purchase(customer(), time(), cents(100), currency)), "UNKNOWN_CURRENCY", "currency " + currency);
        }
        if (topic.equals(topics.refunds())) {
            final Refund r = refund(customer(), "o", cents(100), time());
            r.setCurrency(currency);
            return bad(topic, encode(r), "UNKNOWN_CURRENCY", "currency " + currency);
        }
        // A signup's currency only matters for its acquisition cost.
        return bad(topic, encodeSignup(signup(customer(), time(), cents(100), currency)), "UNKNOWN_CURRENCY", "CAC currency");
    }

    private Item refundAboveOrder(FuzzExpectation state) {
        final String customer = customer();
        final List<Map.Entry<String, FuzzExpectation.Order>> orders = new ArrayList<>(state.orders(customer).entrySet());
        if (orders.isEmpty()) {
            return bad(topics.refunds(), encode(refund(customer, "o", BigDecimal.ZERO.setScale(2), time())),
                "NON_POSITIVE_REFUND", "zero refund");
        }
        final var order = orders.get(random.nextInt(orders.size()));
        final long cents = order.getValue().remaining() + 1 + random.nextLong(10_000);
        return bad(topics.refunds(), encode(refund(customer, order.getKey(), cents(cents), time())), "REFUND_EXCEEDS_ORDER",
            "refund above what remains of " + order.getKey());
    }

    private Item bad(String topic, byte[] value, String code, String description) {
        final int keying = random.nextInt(10);
        final byte[] key = keying == 0 ? null : keying == 1 ? randomBytes(random.nextInt(6)) : bytes(customer());
        return new Item(topic, key, value, clock.toEpochMilli() - random.nextLong(DAY_MS), code, description, null);
    }

    private byte[] validBytes(String topic) {
        if (topic.equals(topics.purchases())) {
            return encode(purchase(customer(), time(), cents(random.nextLong(10_000)), "USD"));
        }
        if (topic.equals(topics.refunds())) {
            return encode(refund(customer(), "o-" + ids++, cents(1 + random.nextLong(10_000)), time()));
        }
        return encodeSignup(signup(customer(), time(), null, "USD"));
    }

    private Purchase purchase(String customer, Instant at, BigDecimal amount, String currency) {
        return Purchase.newBuilder().setOrderId("o-" + ids++).setCustomerId(customer).setOccurredAt(at)
            .setAmount(amount).setCurrency(currency).setChannel(random.nextBoolean() ? "web" : null).build();
    }

    private Refund refund(String customer, String orderId, BigDecimal amount, Instant at) {
        return Refund.newBuilder().setRefundId("r-" + ids++).setOrderId(orderId).setCustomerId(customer)
            .setOccurredAt(at).setAmount(amount).setCurrency("USD").build();
    }

    private static CustomerSignup signup(String customer, Instant at, BigDecimal cac, String currency) {
        return CustomerSignup.newBuilder().setCustomerId(customer).setSignedUpAt(at).setAcquisitionChannel("search")
            .setAcquisitionCost(cac).setCurrency(currency).build();
    }

    private byte[] encode(Purchase purchase) {
        return serdes.purchase().serializer().serialize(topics.purchases(), purchase);
    }

    private byte[] encode(Refund refund) {
        return serdes.refund().serializer().serialize(topics.refunds(), refund);
    }

    private byte[] encodeSignup(CustomerSignup signup) {
        return serdes.signup().serializer().serialize(topics.signups(), signup);
    }

    /** Event times over the last 60 days, in random order. */
    private Instant time() {
        return clock.minusMillis(random.nextLong(60 * DAY_MS));
    }

    private String customer() {
        return "c-" + random.nextInt(CUSTOMERS);
    }

    private byte[] randomBytes(int length) {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    private static BigDecimal cents(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
