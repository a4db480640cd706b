package io.clvstream.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.clvstream.config.ClvConfig;
import io.clvstream.config.ClvConfigLoader;
import io.clvstream.registry.RegistryClientConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * SASL/SSL settings reach every Kafka client clv-stream creates, through the production config
 * builder, and registry credentials reach the registry client but no Kafka client.
 */
class SecurityPassThroughTest {

    private final ClvConfig config = config();

    private static ClvConfig config() {
        final Map<String, String> flags = new HashMap<>(SecureSettings.kafka());
        flags.putAll(SecureSettings.registry("https://registry:8081"));
        flags.put("bootstrap.servers", "broker-1:9093,broker-2:9093");
        return ClvConfigLoader.of(flags);
    }

    @Test
    void everyClientKafkaStreamsCreatesGetsTheSecuritySettings() {
        final StreamsConfig streams = new StreamsConfig(config.streamsProperties());
        final List<Map<String, Object>> clients = List.of(
            streams.getMainConsumerConfigs("clv-stream", "clv-stream-1-StreamThread-1", 0),
            streams.getRestoreConsumerConfigs("clv-stream-1-StreamThread-1-restore-consumer"),
            streams.getGlobalConsumerConfigs("clv-stream-1-global-consumer"),
            streams.getProducerConfigs("clv-stream-1-StreamThread-1-producer"),
            streams.getAdminConfigs("clv-stream-1-admin"));
        for (final Map<String, Object> client : clients) {
            assertThat(client).containsAllEntriesOf(SecureSettings.kafka())
                .containsEntry("bootstrap.servers", "broker-1:9093,broker-2:9093")
                .doesNotContainKeys("basic.auth.user.info", "schema.registry.ssl.truststore.password");
        }
    }

    @Test
    void plainClientsGetTheSecuritySettingsButNoRegistryCredentials() {
        // clientProperties() feeds the topic provisioner's admin client and the embedded registry's clients.
        assertThat(config.clientProperties()).containsAllEntriesOf(SecureSettings.kafka())
            .doesNotContainKeys("basic.auth.user.info", "basic.auth.credentials.source", "schema.registry.url",
                "schema.registry.ssl.truststore.password", "application.id", "processing.guarantee");
    }

    @Test
    void registryClientGetsBasicAuthAndTls() {
        final RegistryClientConfig registry = RegistryClientConfig.from(config.registryProperties());
        assertThat(registry.urls()).containsExactly("https://registry:8081");
        final Map<String, Object> originals = new HashMap<>(registry.originals());
        assertThat(originals).containsAllEntriesOf(SecureSettings.registry("https://registry:8081"));
    }

    @Test
    void environmentVariablesCarrySecretsToTheSameSettings() {
        final String jaas = SecureSettings.kafka().get("sasl.jaas.config");
        final ClvConfig fromEnv = ClvConfigLoader.load(Optional.empty(), Map.of(
            "CLV_SECURITY_PROTOCOL", "SASL_SSL",
            "CLV_SASL_JAAS_CONFIG", jaas,
            "CLV_SSL_KEYSTORE_PASSWORD", SecureSettings.KEYSTORE_PASSWORD,
            "CLV_BASIC_AUTH_USER_INFO", "clv:" + SecureSettings.REGISTRY_USER_INFO_PASSWORD,
            "CLV_SCHEMA_REGISTRY_SSL_TRUSTSTORE_PASSWORD", SecureSettings.REGISTRY_TRUSTSTORE_PASSWORD), Map.of());

        assertThat(fromEnv.streamsProperties()).containsEntry("sasl.jaas.config", jaas)
            .containsEntry("security.protocol", "SASL_SSL")
            .containsEntry("ssl.keystore.password", SecureSettings.KEYSTORE_PASSWORD);
        assertThat(fromEnv.registryProperties())
            .containsEntry("basic.auth.user.info", "clv:" + SecureSettings.REGISTRY_USER_INFO_PASSWORD)
            .containsEntry("schema.registry.ssl.truststore.password", SecureSettings.REGISTRY_TRUSTSTORE_PASSWORD);
    }
}
