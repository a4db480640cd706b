package io.clvstream.demo;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The addresses in {@code clv run}'s {@code ready:} line. The line is the published contract naming
 * the broker and registry actually bound (ports may be ephemeral), so the demo's clients read it
 * rather than reaching into the runner; extra fields (an HTTP address) are ignored.
 */
record ReadyLine(String bootstrapServers, String registryUrl) {

    private static final Pattern KAFKA = Pattern.compile("\\bkafka=(\\S+)");
    private static final Pattern REGISTRY = Pattern.compile("\\bschema-registry=(\\S+)");

    static ReadyLine parse(String line) {
        final Matcher kafka = KAFKA.matcher(line);
        final Matcher registry = REGISTRY.matcher(line);
        if (!line.startsWith("ready:") || !kafka.find() || !registry.find()) {
            throw new IllegalStateException("Unexpected ready line: " + line);
        }
        return new ReadyLine(kafka.group(1), registry.group(1));
    }
}
