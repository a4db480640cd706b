package io.clvstream.registry;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Confluent's compatibility levels, decided with Avro's own {@link SchemaCompatibility}.
 * BACKWARD: consumers using the new schema can read data written with the previous one.
 * FORWARD: consumers using the previous schema can read data written with the new one.
 * FULL: both. The _TRANSITIVE variants check against every earlier version, not just the latest.
 */
public enum CompatibilityLevel {
    NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE;

    /** Parses a level name as sent in {@code /config} requests; throws 42203 for unknown names. */
    public static CompatibilityLevel parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_COMPATIBILITY_LEVEL,
                "Invalid compatibility level: " + name);
        }
    }

    /**
     * Whether {@code candidate} is compatible with {@code existing} (oldest first).
     * Returns a list of human-readable incompatibilities, empty when compatible.
     */
    public List<String> incompatibilities(Schema candidate, List<Schema> existing) {
        if (this == NONE || existing.isEmpty()) {
            return List.of();
        }
        final boolean transitive = name().endsWith("_TRANSITIVE");
        final List<Schema> against = transitive ? existing : List.of(existing.get(existing.size() - 1));
        final boolean backward = this != FORWARD && this != FORWARD_TRANSITIVE;
        final boolean forward = this != BACKWARD && this != BACKWARD_TRANSITIVE;
        final java.util.ArrayList<String> problems = new java.util.ArrayList<>();
        for (Schema old : against) {
            if (backward) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, old), "new schema cannot read old data", problems);
            }
            if (forward) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(old, candidate), "old schema cannot read new data", problems);
            }
        }
        return problems;
    }

    private static void describe(SchemaCompatibility.SchemaPairCompatibility result, String what, List<String> problems) {
        if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
            result.getResult().getIncompatibilities().forEach(i ->
                problems.add(what + ": " + i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")"));
        }
    }
}
