package io.clvstream.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class FirstSendFailureTest {

    @Test
    void aFailedSendIsCountedAndTheFirstOneReported() {
        final FirstSendFailure failure = new FirstSendFailure();
        failure.onCompletion(null, null);
        failure.throwIfFailed("nothing wrong yet");

        failure.onCompletion(null, new TimeoutException("Expiring 17 record(s) for signups-1"));
        failure.onCompletion(null, new TimeoutException("Expiring 5 record(s) for signups-1"));
        failure.onCompletion(null, null);

        assertThatThrownBy(() -> failure.throwIfFailed("the bench's population"))
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("Cannot send the bench's population: 2 record(s) failed, the first with: Expiring 17 record(s) for signups-1")
            .hasCauseInstanceOf(TimeoutException.class);
    }
}
