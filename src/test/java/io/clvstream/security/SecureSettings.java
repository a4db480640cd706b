package io.clvstream.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A full set of SASL/SSL and registry credentials whose secret values are easy to search for, and
 * the assertion that a text contains none of them. The {@code /metrics} body (branch serving) can
 * be checked with {@link #assertNoSecrets(String, String)} once it exists.
 */
public final class SecureSettings {

    public static final String JAAS_PASSWORD = "jaas-pw-Kq81";
    public static final String TRUSTSTORE_PASSWORD = "truststore-pw-Zr27";
    public static final String KEYSTORE_PASSWORD = "keystore-pw-Wd55";
    public static final String KEY_PASSWORD = "key-pw-Ux90";
    public static final String REGISTRY_USER_INFO_PASSWORD = "registry-pw-Hm43";
    public static final String REGISTRY_TRUSTSTORE_PASSWORD = "registry-trust-pw-Pb12";
    public static final String URL_PASSWORD = "url-pw-Jc66";
    public static final List<String> ALL = List.of(JAAS_PASSWORD, TRUSTSTORE_PASSWORD, KEYSTORE_PASSWORD, KEY_PASSWORD,
        REGISTRY_USER_INFO_PASSWORD, REGISTRY_TRUSTSTORE_PASSWORD, URL_PASSWORD);

    private SecureSettings() {
    }

    /** Kafka client security settings (SASL/SCRAM over TLS, mutual TLS) as an operator would set them. */
    public static Map<String, String> kafka(String protocol, String mechanism, String loginModule) {
        final Map<String, String> settings = new LinkedHashMap<>();
        settings.put("security.protocol", protocol);
        settings.put("sasl.mechanism", mechanism);
        settings.put("sasl.jaas.config", loginModule + " required username=\"clv\" password=\"" + JAAS_PASSWORD + "\";");
        settings.put("ssl.truststore.location", "/etc/kafka/secrets/truststore.jks");
        settings.put("ssl.truststore.password", TRUSTSTORE_PASSWORD);
        settings.put("ssl.keystore.location", "/etc/kafka/secrets/keystore.jks");
        settings.put("ssl.keystore.password", KEYSTORE_PASSWORD);
        settings.put("ssl.key.password", KEY_PASSWORD);
        settings.put("ssl.endpoint.identification.algorithm", "https");
        return settings;
    }

    public static Map<String, String> kafka() {
        return kafka("SASL_SSL", "SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule");
    }

    /** Registry basic auth and TLS under Confluent's names. */
    public static Map<String, String> registry(String url) {
        final Map<String, String> settings = new LinkedHashMap<>();
        settings.put("schema.registry.url", url);
        settings.put("basic.auth.credentials.source", "USER_INFO");
        settings.put("basic.auth.user.info", "clv:" + REGISTRY_USER_INFO_PASSWORD);
        settings.put("schema.registry.ssl.truststore.location", "/etc/registry/truststore.jks");
        settings.put("schema.registry.ssl.truststore.password", REGISTRY_TRUSTSTORE_PASSWORD);
        return settings;
    }

    public static void assertNoSecrets(String where, String text) {
        for (final String secret : ALL) {
            assertThat(text).as("%s must not contain a secret", where).doesNotContain(secret);
        }
    }
}
