package io.clvstream.topology;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts dead-lettered records by reason code, for the metrics endpoint to bind (one counter per
 * code). Thread-safe: every stream thread's processors share one instance.
 */
public final class DeadLetterCounter {

    private final Map<String, LongAdder> byReason = new ConcurrentHashMap<>();

    public void increment(String reasonCode) {
        byReason.computeIfAbsent(reasonCode, code -> new LongAdder()).increment();
    }

    public long count(String reasonCode) {
        final LongAdder adder = byReason.get(reasonCode);
        return adder == null ? 0 : adder.sum();
    }

    public long total() {
        return byReason.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Counts so far, by reason code. */
    public Map<String, Long> snapshot() {
        final Map<String, Long> snapshot = new TreeMap<>();
        byReason.forEach((code, adder) -> snapshot.put(code, adder.sum()));
        return snapshot;
    }
}
