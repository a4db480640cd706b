package io.clvstream.config;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which settings are secret and how to show configuration without them. Kafka masks its own
 * PASSWORD-typed settings in its logs; this covers what we print ourselves, including registry
 * credentials that Kafka never sees ({@code basic.auth.user.info}, user info in a URL).
 */
public final class Secrets {

    public static final String HIDDEN = "[hidden]";
    private static final Pattern URL_USER_INFO = Pattern.compile("(?<=//)[^/@\\s]*@");

    private Secrets() {
    }

    /** True for settings whose value must never be printed. */
    public static boolean isSecret(String key) {
        final String k = key.toLowerCase(Locale.ROOT);
        return k.endsWith("password") || k.endsWith(".jaas.config") || k.endsWith("user.info") || k.contains("secret")
            || k.endsWith("token") || k.endsWith(".keystore.key") || k.endsWith("bearer.auth.credentials");
    }

    /** {@code text} with user info in any URL replaced, e.g. {@code https://[hidden]@registry:8081}. */
    public static String redactUrls(String text) {
        return text == null ? null : URL_USER_INFO.matcher(text).replaceAll(HIDDEN + "@");
    }

    /** Every setting with secret values masked and URLs stripped of user info, sorted by key; safe to log. */
    public static Map<String, String> masked(Map<String, ?> settings) {
        final Map<String, String> shown = new TreeMap<>();
        settings.forEach((key, value) -> shown.put(key, isSecret(key) ? HIDDEN : redactUrls(String.valueOf(value))));
        return shown;
    }
}
