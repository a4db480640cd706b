package io.clvstream.config;

import java.util.Map;

/** Reading one setting out of the flat configuration map that every builder receives. */
public final class Settings {

    private Settings() {
    }

    /** The trimmed value of {@code key}, or {@code fallback} when it is absent or blank. */
    public static String get(Map<String, ?> config, String key, String fallback) {
        final Object value = config.get(key);
        return value == null || value.toString().isBlank() ? fallback : value.toString().trim();
    }
}
