package io.clvstream.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ClvConfigTest {

    private final ClvConfig config = ClvConfigLoader.of(Map.of(
        "bootstrap.servers", "broker:9093",
        "security.protocol", "SASL_SSL",
        "sasl.mechanism", "PLAIN",
        "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required;",
        "ssl.truststore.location", "/etc/trust.jks",
        "schema.registry.url", "https://registry:8081",
        "basic.auth.credentials.source", "USER_INFO",
        "basic.auth.user.info", "user:secret",
        "clv.topic.purchases", "shop.orders"));

    @Test
    void streamsPropertiesPassKafkaSettingsThroughUnchanged() {
        assertThat(config.streamsProperties())
            .containsEntry("bootstrap.servers", "broker:9093")
            .containsEntry("security.protocol", "SASL_SSL")
            .containsEntry("sasl.mechanism", "PLAIN")
            .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required;")
            .containsEntry("ssl.truststore.location", "/etc/trust.jks")
            .containsEntry("application.id", "clv-stream")
            .containsEntry("processing.guarantee", "exactly_once_v2")
            .containsEntry("state.dir", "./data/streams");
    }

    @Test
    void streamsPropertiesLeaveOutOwnAndRegistrySettings() {
        assertThat(config.streamsProperties().stringPropertyNames())
            .noneMatch(name -> name.startsWith("clv.") && !name.startsWith("clv.rocksdb."))
            .doesNotContain("schema.registry.url", "basic.auth.user.info", "basic.auth.credentials.source");
    }

    @Test
    void clientPropertiesKeepConnectionAndSecurityButNotStreamsOnlySettings() {
        assertThat(config.clientProperties())
            .containsEntry("bootstrap.servers", "broker:9093")
            .containsEntry("security.protocol", "SASL_SSL")
            .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required;")
            .doesNotContainKeys("application.id", "processing.guarantee", "state.dir");
    }

    @Test
    void registryAndTopicSettingsAreInTheSameMap() {
        assertThat(config.asMap())
            .containsEntry("schema.registry.url", "https://registry:8081")
            .containsEntry("basic.auth.user.info", "user:secret");
        assertThat(config.topicNames().purchases()).isEqualTo("shop.orders");
        assertThat(config.topicNames().refunds()).isEqualTo("commerce.refunds");
    }

    @Test
    void withAddsOverridesWithoutChangingTheOriginal() {
        final ClvConfig embedded = config.with(Map.of("bootstrap.servers", "127.0.0.1:1234"));

        assertThat(embedded.bootstrapServers()).contains("127.0.0.1:1234");
        assertThat(config.bootstrapServers()).contains("broker:9093");
    }

    @Test
    void boundedRocksDbSettingsReachStreamsButNotPlainClients() {
        final ClvConfig sized = config.with(Map.of("clv.rocksdb.block-cache-bytes", "1048576"));

        assertThat(sized.streamsProperties())
            .containsEntry("rocksdb.config.setter", "io.clvstream.rocksdb.BoundedRocksDbConfigSetter")
            .containsEntry("clv.rocksdb.block-cache-bytes", "1048576")
            .containsEntry("clv.rocksdb.write-buffer-bytes", String.valueOf(32L << 20));
        assertThat(sized.clientProperties()).doesNotContainKeys(
            "clv.rocksdb.block-cache-bytes", "clv.rocksdb.write-buffer-bytes", "rocksdb.config.setter");
    }
}
