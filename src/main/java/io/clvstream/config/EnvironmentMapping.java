package io.clvstream.config;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps environment variables to property names, because container platforms configure through the
 * environment while Kafka and the registry clients speak dotted lower-case names.
 *
 * <p>Only variables starting with {@value #PREFIX} are read. The prefix is stripped, the rest is
 * lower-cased and then, left to right: {@code ___} (three underscores) becomes a literal {@code _},
 * {@code __} (two) becomes {@code -}, and a single {@code _} becomes {@code .}. So
 * {@code CLV_BOOTSTRAP_SERVERS} is {@code bootstrap.servers}, {@code CLV_CLV_TOPIC_CUSTOMER__VALUES}
 * is {@code clv.topic.customer-values} and {@code CLV_SASL_JAAS___CONFIG} would be {@code sasl.jaas_config}.
 */
public final class EnvironmentMapping {

    public static final String PREFIX = "CLV_";

    private EnvironmentMapping() {
    }

    /** The properties that {@code environment} sets, by property name. */
    public static Map<String, String> properties(Map<String, String> environment) {
        final Map<String, String> properties = new TreeMap<>();
        environment.forEach((variable, value) -> {
            if (variable.startsWith(PREFIX) && variable.length() > PREFIX.length()) {
                properties.put(propertyName(variable), value);
            }
        });
        return properties;
    }

    /** The property name for one {@code CLV_}-prefixed variable. */
    public static String propertyName(String variable) {
        final String rest = variable.substring(PREFIX.length()).toLowerCase(Locale.ROOT);
        final StringBuilder name = new StringBuilder(rest.length());
        int i = 0;
        while (i < rest.length()) {
            if (rest.startsWith("___", i)) {
                name.append('_');
                i += 3;
            } else if (rest.startsWith("__", i)) {
                name.append('-');
                i += 2;
            } else {
                name.append(rest.charAt(i) == '_' ? '.' : rest.charAt(i));
                i += 1;
            }
        }
        return name.toString();
    }
}
