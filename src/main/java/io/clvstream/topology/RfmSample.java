package io.clvstream.topology;

import io.clvstream.avro.internal.CustomerState;
import io.clvstream.avro.internal.RfmSampleEntry;
import io.clvstream.avro.internal.RfmSummary;
import io.clvstream.customer.CustomerFigures;
import io.clvstream.customer.IdHashes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A task's bottom-k sample of its purchasers: the k customers with a purchase (refunded ones included) whose
 * 64-bit id hash is smallest. Only the membership is kept, in memory, as hash-then-id keys in hash order; the
 * figures come from {@code customer-state} when a summary is made. So the sample costs no store and no
 * changelog record per event: membership is a pure function of the customer states, rebuilt by one scan when
 * the task starts (after a restore, a revival under exactly-once, or a move to another instance), and it changes
 * only when a customer makes a first purchase (a newcomer enters only by displacing the largest hash; nobody
 * leaves otherwise, so a displaced customer can never come back). The largest hash also estimates the
 * population (k - 1) / max (the KMV estimator, relative error about 1 / sqrt(k)), so no count is kept. Not
 * thread safe; one per processor.
 */
public final class RfmSample {

    private static final double TWO_TO_64 = 0x1p64;

    private final int capacity;
    private final TreeSet<Bytes> members = new TreeSet<>();
    private ReadOnlyKeyValueStore<String, CustomerState> states;

    public RfmSample(int capacity) {
        this.capacity = capacity;
    }

    /** Rebuilds the membership from {@code states}: one scan per task start. */
    public void init(ReadOnlyKeyValueStore<String, CustomerState> states) {
        attach(states);
        CustomerStates.forEach(states, this::restore);
    }

    /** Starts an empty membership over {@code states}, for a caller that scans them and {@link #restore}s each. */
    void attach(ReadOnlyKeyValueStore<String, CustomerState> states) {
        this.states = states;
        members.clear();
    }

    /** Takes a customer found in the attached store into the membership, if it qualifies. */
    void restore(String customerId, CustomerState state) {
        if (purchaser(state)) {
            offer(customerId);
        }
    }

    /** The entry the fit needs of {@code state}, or null for a customer who has no kept purchase now. */
    static RfmSampleEntry entry(CustomerState state) {
        if (state.getPurchaseDays().isEmpty()) {
            return null;
        }
        return new RfmSampleEntry(CustomerFigures.repeatTransactions(state), state.getPurchaseDays().get(0),
            CustomerFigures.recencyDays(state), Math.max(0, state.getKeptCents() - state.getFirstDayCents()), true);
    }

    /** Records that {@code customerId}'s state changed from one with {@code wasPurchaser} to {@code state}. */
    void update(String customerId, boolean wasPurchaser, CustomerState state) {
        if (!wasPurchaser && purchaser(state)) {
            offer(customerId);
        }
    }

    static boolean purchaser(CustomerState state) {
        return state != null && state.getFirstPurchaseAt() != null;
    }

    private void offer(String customerId) {
        final Bytes key = key(customerId);
        if (members.size() < capacity) {
            members.add(key);
        } else if (key.compareTo(members.last()) < 0 && members.add(key)) {
            members.pollLast();
        }
    }

    /**
     * The summary to publish: the sampled customers who have a kept purchase now (one whose orders were all
     * refunded stays a member, left out of the fit, so the sample stays uniform) and the customers each stands for.
     */
    public RfmSummary summary(int partition, long asOfMs) {
        final List<RfmSampleEntry> active = new ArrayList<>(members.size());
        for (final Bytes member : members) {
            final CustomerState state = states.get(customerId(member));
            final RfmSampleEntry entry = state == null ? null : entry(state);
            if (entry != null) {
                active.add(entry);
            }
        }
        return new RfmSummary(partition, asOfMs, capacity, weight(), active);
    }

    private double weight() {
        if (members.size() < capacity) {
            return 1.0;
        }
        final double largestFraction = (unsigned(members.last()) + 1.0) / TWO_TO_64;
        return (capacity - 1) / largestFraction / capacity;
    }

    private static double unsigned(Bytes key) {
        final long hash = ByteBuffer.wrap(key.get()).getLong();
        return hash >= 0 ? hash : hash + TWO_TO_64;
    }

    static Bytes key(String customerId) {
        final byte[] id = customerId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + id.length).putLong(IdHashes.of(customerId)).put(id).array());
    }

    private static String customerId(Bytes key) {
        final byte[] bytes = key.get();
        return new String(bytes, Long.BYTES, bytes.length - Long.BYTES, StandardCharsets.UTF_8);
    }
}
