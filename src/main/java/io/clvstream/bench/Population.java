package io.clvstream.bench;

import io.clvstream.model.BgNbdParams;
import io.clvstream.model.BtydSimulator;
import io.clvstream.model.GammaGammaParams;
import java.util.Arrays;
import java.util.Random;

/**
 * A synthetic customer base for {@code clv bench}: purchase histories simulated from BG/NBD and
 * Gamma-Gamma with known parameters ({@link #TRANSACTIONS}, {@link #SPEND}; time unit days), one
 * signup per customer, about 2% refunds and 1% duplicate purchases, adding up to exactly the
 * requested number of events. Kept as columns of primitives so a million events cost tens of MB.
 *
 * <p>Every customer makes a first purchase; the repeat purchases of all customers are then taken
 * in calendar order up to the event budget, which amounts to a common end of observation for the
 * whole base, as in the model's own set-up.
 */
public final class Population {

    /** Mean rate 0.15 purchases/day, mean dropout 1/31 per repeat purchase. */
    public static final BgNbdParams TRANSACTIONS = new BgNbdParams(1.2, 8.0, 1.0, 30.0);
    /** The Gamma-Gamma fit of CDNOW (Fader, Hardie &amp; Lee 2005): mean spend about $35. */
    public static final GammaGammaParams SPEND = new GammaGammaParams(6.25, 3.74, 15.44);
    public static final double REFUND_SHARE = 0.02;
    public static final double DUPLICATE_SHARE = 0.01;

    static final long DAY_MS = 86_400_000L;
    /** Customers are acquired over one year, between two years and one year before now. */
    private static final int HISTORY_DAYS = 730;
    private static final String[] SEGMENTS = {"web", "store", "app", "vip"};
    private static final String[] CHANNELS = {"search", "social", "referral", "email"};

    final int customers;
    final long[] signupAt;
    final int[] purchaseCustomer;
    final long[] purchaseAt;
    final long[] purchaseCents;
    final int[] refundOf;
    final long[] refundAt;
    final long[] refundCents;
    final int[] duplicateOf;

    private Population(int customers, long[] signupAt, int[] purchaseCustomer, long[] purchaseAt, long[] purchaseCents,
                       int[] refundOf, long[] refundAt, long[] refundCents, int[] duplicateOf) {
        this.customers = customers;
        this.signupAt = signupAt;
        this.purchaseCustomer = purchaseCustomer;
        this.purchaseAt = purchaseAt;
        this.purchaseCents = purchaseCents;
        this.refundOf = refundOf;
        this.refundAt = refundAt;
        this.refundCents = refundCents;
        this.duplicateOf = duplicateOf;
    }

    public int customers() {
        return customers;
    }

    public long events() {
        return (long) signupAt.length + purchaseAt.length + refundOf.length + duplicateOf.length;
    }

    public int purchases() {
        return purchaseAt.length;
    }

    public int refunds() {
        return refundOf.length;
    }

    public int duplicates() {
        return duplicateOf.length;
    }

    static String customerId(int customer) {
        return "c" + customer;
    }

    static String orderId(int purchase) {
        return "o" + purchase;
    }

    static String segment(int customer) {
        return SEGMENTS[customer % SEGMENTS.length];
    }

    static String channel(int customer) {
        return CHANNELS[(customer / SEGMENTS.length) % CHANNELS.length];
    }

    /**
     * @throws IllegalArgumentException when the events cannot be spread over the customers (fewer
     *     purchases than customers, or far more than the model produces for them)
     */
    public static Population generate(int customers, long events, long seed, long nowMs) {
        final int refunds = Math.toIntExact(Math.round(events * REFUND_SHARE));
        final int duplicates = Math.toIntExact(Math.round(events * DUPLICATE_SHARE));
        final long purchasesLong = events - customers - refunds - duplicates;
        if (customers <= 0 || purchasesLong < customers) {
            throw new IllegalArgumentException("--events " + events + " is too few for --customers " + customers
                + ": every customer signs up and purchases once, plus 3% refunds and duplicates");
        }
        final int purchases = Math.toIntExact(purchasesLong);
        final Random random = new Random(seed);
        final BtydSimulator simulator = new BtydSimulator(TRANSACTIONS, SPEND, seed);
        final long firstStart = nowMs - HISTORY_DAYS * DAY_MS;

        final long[] signupAt = new long[customers];
        final int[] customerOf = new int[purchases];
        final long[] at = new long[purchases];
        final long[] cents = new long[purchases];
        Repeats repeats = new Repeats();
        for (int c = 0; c < customers; c++) {
            final long start = firstStart + (long) (random.nextDouble() * 365 * DAY_MS);
            signupAt[c] = start - (long) (random.nextDouble() * 30 * DAY_MS);
            final BtydSimulator.SimulatedCustomer simulated = simulator.next((double) (nowMs - start) / DAY_MS);
            customerOf[c] = c;
            at[c] = start;
            cents[c] = toCents(simulated.spends()[0]);
            for (int k = 1; k < simulated.purchaseTimes().length; k++) {
                repeats.add(c, start + (long) (simulated.purchaseTimes()[k] * DAY_MS), toCents(simulated.spends()[k]));
            }
        }
        final int wanted = purchases - customers;
        if (repeats.size < wanted) {
            throw new IllegalArgumentException("--events " + events + " is too many for --customers " + customers
                + ": the model gives them only " + (repeats.size + customers + refunds + duplicates) + "; add customers");
        }
        // Repeats in calendar order up to the budget: observation ends on one date for everybody.
        // Sorted as (epoch second << 32 | index): a primitive sort, no boxing of millions of indices.
        final long[] order = new long[repeats.size];
        for (int i = 0; i < repeats.size; i++) {
            order[i] = (repeats.at[i] / 1000) << 32 | i;
        }
        Arrays.sort(order);
        for (int i = 0; i < wanted; i++) {
            final int r = (int) order[i];
            customerOf[customers + i] = repeats.customer[r];
            at[customers + i] = repeats.at[r];
            cents[customers + i] = repeats.cents[r];
        }

        final int[] refundOf = new int[refunds];
        final long[] refundAt = new long[refunds];
        final long[] refundCents = new long[refunds];
        final int[] shuffled = random.ints(0, purchases).distinct().limit(refunds).toArray();
        for (int i = 0; i < refunds; i++) {
            final int p = shuffled[i];
            refundOf[i] = p;
            refundAt[i] = Math.min(nowMs - 60_000, at[p] + (long) (random.nextDouble() * 14 * DAY_MS));
            refundCents[i] = random.nextBoolean() ? cents[p] : Math.max(1, cents[p] / 2);
        }
        final int[] duplicateOf = random.ints(duplicates, 0, purchases).toArray();
        return new Population(customers, signupAt, customerOf, at, cents, refundOf, refundAt, refundCents, duplicateOf);
    }

    private static long toCents(double dollars) {
        return Math.max(1, Math.round(dollars * 100));
    }

    /** A growable column store of simulated repeat purchases. */
    private static final class Repeats {
        int[] customer = new int[1024];
        long[] at = new long[1024];
        long[] cents = new long[1024];
        int size;

        void add(int c, long time, long amount) {
            if (size == customer.length) {
                customer = Arrays.copyOf(customer, 2 * size);
                at = Arrays.copyOf(at, 2 * size);
                cents = Arrays.copyOf(cents, 2 * size);
            }
            customer[size] = c;
            at[size] = time;
            cents[size] = amount;
            size++;
        }
    }
}
