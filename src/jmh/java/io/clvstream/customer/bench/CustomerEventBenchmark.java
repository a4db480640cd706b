package io.clvstream.customer.bench;

import io.clvstream.avro.CustomerValue;
import io.clvstream.avro.internal.CustomerEvent;
import io.clvstream.avro.internal.CustomerEventType;
import io.clvstream.avro.internal.CustomerState;
import io.clvstream.customer.CustomerEngine;
import io.clvstream.customer.CustomerTopologyConfig;
import io.clvstream.serde.ClvSerdes;
import io.clvstream.serde.InternalAvroSerde;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The customer processor's own work for one purchase, without Kafka: read the stored state (decode), apply the
 * event and score the customer ({@link CustomerEngine#onEvent}), write the state back (encode) and serialize the
 * published CustomerValue in the Confluent wire format (the production serializer, over an in-memory registry).
 * The customer is a {@link YearOldCustomer} and the prior model scores it, so the BG/NBD 2F1 runs as it does
 * for a repeat buyer. What Kafka adds per event (the record cache, the producer, the commit) is not here;
 * {@code clv bench} measures the whole.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class CustomerEventBenchmark {

    private final CustomerEngine engine = new CustomerEngine(CustomerTopologyConfig.defaults());
    private final InternalAvroSerde<CustomerState> states = new InternalAvroSerde<>(CustomerState.class);
    private Serializer<CustomerValue> values;
    private byte[] stored;
    private CustomerEvent purchase;

    @Setup
    public void build() {
        values = ClvSerdes.create(Map.of("schema.registry.url", "mock://customer-event-benchmark")).customerValue().serializer();
        final CustomerState state = YearOldCustomer.state(engine, new CustomerEngine.Update[1]);
        stored = states.serialize("customer-state", state);
        purchase = YearOldCustomer.event(CustomerEventType.PURCHASE, "o12", null, 361, 3_100);
    }

    /** Decode, apply and score, encode, publish: each invocation starts again from the same stored bytes. */
    @Benchmark
    public void purchase(Blackhole sink) {
        final CustomerState state = states.deserialize("customer-state", stored);
        final CustomerEngine.Update update = engine.onEvent("c", state, purchase);
        sink.consume(states.serialize("customer-state", state));
        sink.consume(values.serialize("clv.customer-values", update.value()));
    }

    /** {@link #purchase} without the decode and the two serializations: the engine's share. */
    @Benchmark
    public CustomerEngine.Update purchaseEngineOnly(StoredState fresh) {
        return engine.onEvent("c", fresh.state, purchase);
    }

    /** A decoded copy of the stored state per invocation, made outside the timed part. */
    @State(Scope.Thread)
    public static class StoredState {
        CustomerState state;

        @Setup(org.openjdk.jmh.annotations.Level.Invocation)
        public void decode(CustomerEventBenchmark benchmark) {
            state = benchmark.states.deserialize("customer-state", benchmark.stored);
        }
    }
}
