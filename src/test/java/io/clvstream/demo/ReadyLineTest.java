package io.clvstream.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReadyLineTest {

    @Test
    void readsBothAddressesAndIgnoresFieldsAddedLater() {
        final ReadyLine line = ReadyLine.parse("ready: kafka=127.0.0.1:9092 schema-registry=http://127.0.0.1:8081"
            + " http=http://127.0.0.1:8080");

        assertThat(line.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(line.registryUrl()).isEqualTo("http://127.0.0.1:8081");
    }

    @Test
    void anythingElseIsAnError() {
        assertThatThrownBy(() -> ReadyLine.parse("starting")).isInstanceOf(IllegalStateException.class);
    }
}
