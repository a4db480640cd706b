package io.clvstream.registry;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Registry settings under Confluent's own names, so existing client configurations work unchanged.
 */
public record RegistryClientConfig(
    List<String> urls,
    boolean autoRegisterSchemas,
    boolean useLatestVersion,
    Map<String, ?> originals) {

    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";

    public static RegistryClientConfig from(Map<String, ?> configs) {
        final Object url = configs.get(SCHEMA_REGISTRY_URL);
        if (url == null || url.toString().isBlank()) {
            throw new IllegalArgumentException("Missing required configuration \"" + SCHEMA_REGISTRY_URL + "\"");
        }
        final List<String> urls = Arrays.stream(url.toString().split(","))
            .map(String::trim).filter(s -> !s.isEmpty()).toList();
        return new RegistryClientConfig(urls,
            bool(configs.get(AUTO_REGISTER_SCHEMAS), true),
            bool(configs.get(USE_LATEST_VERSION), false),
            Map.copyOf(configs));
    }

    /** Names settings but hides secrets: user info in URLs, {@code basic.auth.user.info} and any password. */
    @Override
    public String toString() {
        final List<String> safeUrls = urls.stream().map(u -> u.replaceAll("//[^/@]*@", "//[hidden]@")).toList();
        return "RegistryClientConfig[urls=" + safeUrls + ", autoRegisterSchemas=" + autoRegisterSchemas
            + ", useLatestVersion=" + useLatestVersion + ", settings=" + new java.util.TreeSet<>(originals.keySet()) + "]";
    }

    private static boolean bool(Object value, boolean fallback) {
        return value == null ? fallback : Boolean.parseBoolean(value.toString().trim());
    }
}
