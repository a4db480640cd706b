package io.clvstream.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS context for https registries, from Confluent's {@code schema.registry.ssl.*} settings.
 * Without a configured trust store the JVM's default trust store applies, which is what managed
 * registries with public certificates need; a key store is only needed for mutual TLS.
 */
final class RegistrySsl {

    static final String PREFIX = "schema.registry.";
    static final String TRUSTSTORE_LOCATION = PREFIX + "ssl.truststore.location";
    static final String TRUSTSTORE_PASSWORD = PREFIX + "ssl.truststore.password";
    static final String TRUSTSTORE_TYPE = PREFIX + "ssl.truststore.type";
    static final String KEYSTORE_LOCATION = PREFIX + "ssl.keystore.location";
    static final String KEYSTORE_PASSWORD = PREFIX + "ssl.keystore.password";
    static final String KEYSTORE_TYPE = PREFIX + "ssl.keystore.type";
    static final String KEY_PASSWORD = PREFIX + "ssl.key.password";

    private RegistrySsl() {
    }

    static SSLContext context(Map<String, ?> configs) {
        final String trustLocation = string(configs, TRUSTSTORE_LOCATION);
        final String keyLocation = string(configs, KEYSTORE_LOCATION);
        try {
            if (trustLocation == null && keyLocation == null) {
                return SSLContext.getDefault();
            }
            TrustManagerFactory trust = null;
            if (trustLocation != null) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(load(trustLocation, string(configs, TRUSTSTORE_PASSWORD), string(configs, TRUSTSTORE_TYPE)));
            }
            KeyManagerFactory keys = null;
            if (keyLocation != null) {
                final String storePassword = string(configs, KEYSTORE_PASSWORD);
                final String keyPassword = string(configs, KEY_PASSWORD);
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(load(keyLocation, storePassword, string(configs, KEYSTORE_TYPE)),
                    chars(keyPassword != null ? keyPassword : storePassword));
            }
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            // The message names the file, never its password.
            throw new IllegalArgumentException("Cannot set up TLS for the schema registry from "
                + (trustLocation != null ? trustLocation : keyLocation) + ": " + e.getClass().getSimpleName(), e);
        }
    }

    private static KeyStore load(String location, String password, String type) throws GeneralSecurityException, IOException {
        final KeyStore store = KeyStore.getInstance(type == null ? "JKS" : type);
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            store.load(in, chars(password));
        }
        return store;
    }

    private static char[] chars(String password) {
        return password == null ? null : password.toCharArray();
    }

    private static String string(Map<String, ?> configs, String key) {
        final Object value = configs.get(key);
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }
}
