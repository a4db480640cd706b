package io.clvstream.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.clvstream.registry.SchemaRegistryException;
import io.clvstream.serde.WireFormatException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class StreamThreadFailurePolicyTest {

    private final StreamThreadFailurePolicy policy = new StreamThreadFailurePolicy();

    @Test
    void registryOutageWhileDecodingOrSerializingReplacesTheThread() {
        final SchemaRegistryException unavailable = new SchemaRegistryException(503, 50003, "unreachable");
        assertThat(policy.handle(new StreamsException(new WireFormatException(
            WireFormatException.Reason.REGISTRY_UNAVAILABLE, "no schema", unavailable))))
            .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(policy.handle(new StreamsException(new SerializationException("subject x-value", unavailable))))
            .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(policy.replacedThreads()).isEqualTo(2);
    }

    @Test
    void aRegistryVerdictOrAnyOtherFailureStopsTheInstance() {
        assertThat(policy.handle(new StreamsException(new SchemaRegistryException(401, 401, "Unauthorized"))))
            .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(policy.handle(new IllegalStateException("bug"))).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(policy.replacedThreads()).isZero();
    }
}
