package io.clvstream.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentMappingTest {

    @Test
    void stripsPrefixLowerCasesAndTurnsUnderscoresIntoDots() {
        assertThat(EnvironmentMapping.propertyName("CLV_BOOTSTRAP_SERVERS")).isEqualTo("bootstrap.servers");
        assertThat(EnvironmentMapping.propertyName("CLV_SCHEMA_REGISTRY_URL")).isEqualTo("schema.registry.url");
        assertThat(EnvironmentMapping.propertyName("CLV_CLV_TOPIC_PURCHASES")).isEqualTo("clv.topic.purchases");
        assertThat(EnvironmentMapping.propertyName("CLV_SASL_JAAS_CONFIG")).isEqualTo("sasl.jaas.config");
    }

    @Test
    void doubleUnderscoreIsADashAndTripleUnderscoreALiteralUnderscore() {
        assertThat(EnvironmentMapping.propertyName("CLV_CLV_TOPIC_CUSTOMER__VALUES")).isEqualTo("clv.topic.customer-values");
        assertThat(EnvironmentMapping.propertyName("CLV_PROCESSING_GUARANTEE")).isEqualTo("processing.guarantee");
        assertThat(EnvironmentMapping.propertyName("CLV_MY___SETTING_X")).isEqualTo("my_setting.x");
    }

    @Test
    void readsOnlyPrefixedVariables() {
        assertThat(EnvironmentMapping.properties(Map.of(
            "CLV_BASIC_AUTH_USER_INFO", "user:secret",
            "HOME", "/root",
            "XCLV_A", "b")))
            .containsExactly(Map.entry("basic.auth.user.info", "user:secret"));
    }
}
