package io.clvstream.metrics;

import io.clvstream.customer.InvalidEventException;
import io.clvstream.serde.WireFormatException;
import io.clvstream.topology.DeadLetterCounter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exposes a {@link DeadLetterCounter} as {@code clv.dead.letters{reason=...}}: every documented reason
 * code from the start (a series at zero beats an absent one in alert rules), and any other code the
 * counter has seen once a scrape finds it.
 */
final class DeadLetterMeters {

    private static final String NAME = "clv.dead.letters";

    private final DeadLetterCounter counter;
    private final MeterRegistry registry;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    DeadLetterMeters(DeadLetterCounter counter, MeterRegistry registry) {
        this.counter = counter;
        this.registry = registry;
        for (final WireFormatException.Reason reason : WireFormatException.Reason.values()) {
            register(reason.name());
        }
        for (final InvalidEventException.Code code : InvalidEventException.Code.values()) {
            register(code.name());
        }
        register("UNREADABLE");
        register("UNPROCESSABLE");
    }

    void registerNewReasons() {
        counter.snapshot().keySet().forEach(this::register);
    }

    private void register(String reason) {
        if (registered.add(reason)) {
            FunctionCounter.builder(NAME, counter, c -> c.count(reason))
                .description("Records sent to the dead-letter topic, by reason code")
                .tag("reason", reason)
                .register(registry);
        }
    }
}
