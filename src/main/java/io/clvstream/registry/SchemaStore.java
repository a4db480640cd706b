package io.clvstream.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * The state of a schema registry: global ids, subjects with their versions, and compatibility
 * levels, with Confluent's semantics (one id per distinct schema across all subjects; registering
 * a schema that a subject already has returns the existing version). Thread-safe.
 *
 * <p>Used directly by {@link MockSchemaRegistry} and, with a {@link Journal} that persists every
 * change before it is applied, by the embedded registry endpoint.
 */
public final class SchemaStore {

    /** Receives each change before it takes effect; throwing vetoes the change. */
    public interface Journal {
        void schemaRegistered(RegisteredSchema registered);

        void compatibilitySet(String subjectOrNull, CompatibilityLevel level);
    }

    private static final Journal NO_JOURNAL = new Journal() {
        @Override
        public void schemaRegistered(RegisteredSchema registered) {
        }

        @Override
        public void compatibilitySet(String subjectOrNull, CompatibilityLevel level) {
        }
    };

    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, Integer> idsBySchemaText = new HashMap<>();
    private final Map<String, List<RegisteredSchema>> subjects = new TreeMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
    private int maxId = 0;
    private Journal journal = NO_JOURNAL;

    public synchronized void setJournal(Journal journal) {
        this.journal = journal;
    }

    /** Parses a schema as sent by a client; a bad schema is error 42201. */
    public static Schema parse(String schemaText) {
        try {
            return new Schema.Parser().parse(schemaText);
        } catch (SchemaParseException | NullPointerException e) {
            throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_SCHEMA,
                "Invalid schema: " + e.getMessage(), e);
        }
    }

    /** Registers {@code schema} under {@code subject}; returns the (possibly pre-existing) version. */
    public synchronized RegisteredSchema register(String subject, Schema schema) {
        final Optional<RegisteredSchema> existing = find(subject, schema);
        if (existing.isPresent()) {
            return existing.get();
        }
        final List<String> problems = compatibilityLevel(subject).incompatibilities(schema, schemasOf(subject));
        if (!problems.isEmpty()) {
            throw new SchemaRegistryException(409, SchemaRegistryException.INCOMPATIBLE,
                "Schema being registered is incompatible with an earlier schema for subject \"" + subject + "\": "
                    + String.join("; ", problems));
        }
        final Integer knownId = idsBySchemaText.get(schema.toString());
        final int id = knownId != null ? knownId : maxId + 1;
        final List<RegisteredSchema> versions = subjects.getOrDefault(subject, List.of());
        final int version = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
        final RegisteredSchema registered = new RegisteredSchema(subject, version, id, schema);
        journal.schemaRegistered(registered);
        apply(registered);
        return registered;
    }

    /** Applies an already-journaled registration (used when replaying the journal on start-up). */
    public synchronized void apply(RegisteredSchema registered) {
        schemasById.putIfAbsent(registered.id(), registered.schema());
        idsBySchemaText.putIfAbsent(registered.schema().toString(), registered.id());
        maxId = Math.max(maxId, registered.id());
        final List<RegisteredSchema> versions = subjects.computeIfAbsent(registered.subject(), s -> new ArrayList<>());
        if (versions.stream().noneMatch(v -> v.version() == registered.version())) {
            versions.add(registered);
            versions.sort(java.util.Comparator.comparingInt(RegisteredSchema::version));
        }
    }

    public synchronized Optional<RegisteredSchema> find(String subject, Schema schema) {
        final String text = schema.toString();
        return subjects.getOrDefault(subject, List.of()).stream()
            .filter(v -> v.schema().toString().equals(text))
            .findFirst();
    }

    public synchronized RegisteredSchema lookup(String subject, Schema schema) {
        if (!subjects.containsKey(subject)) {
            throw subjectNotFound(subject);
        }
        return find(subject, schema).orElseThrow(() -> new SchemaRegistryException(404,
            SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema not found under subject \"" + subject + "\""));
    }

    public synchronized Schema byId(int id) {
        final Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaRegistryException(404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
        }
        return schema;
    }

    public synchronized List<String> subjects() {
        return List.copyOf(subjects.keySet());
    }

    /** Subjects under which schema {@code id} is registered, with their versions. */
    public synchronized List<RegisteredSchema> usagesOf(int id) {
        return subjects.values().stream().flatMap(List::stream).filter(v -> v.id() == id).toList();
    }

    public synchronized List<RegisteredSchema> versions(String subject) {
        final List<RegisteredSchema> versions = subjects.get(subject);
        if (versions == null) {
            throw subjectNotFound(subject);
        }
        return List.copyOf(versions);
    }

    /** A version by number, or the newest for "latest" / -1. */
    public synchronized RegisteredSchema version(String subject, String version) {
        final List<RegisteredSchema> versions = versions(subject);
        if ("latest".equals(version) || "-1".equals(version)) {
            return versions.get(versions.size() - 1);
        }
        final int wanted;
        try {
            wanted = Integer.parseInt(version);
        } catch (NumberFormatException e) {
            throw new SchemaRegistryException(422, 42202, "Invalid version " + version);
        }
        return versions.stream().filter(v -> v.version() == wanted).findFirst()
            .orElseThrow(() -> new SchemaRegistryException(404, SchemaRegistryException.VERSION_NOT_FOUND,
                "Version " + version + " not found for subject \"" + subject + "\""));
    }

    /** Incompatibilities of {@code schema} against {@code subject}'s versions; empty when compatible or new. */
    public synchronized List<String> incompatibilities(String subject, Schema schema) {
        return compatibilityLevel(subject).incompatibilities(schema, schemasOf(subject));
    }

    public synchronized CompatibilityLevel globalLevel() {
        return globalLevel;
    }

    /** The subject's own level, if it has one set. */
    public synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    public synchronized CompatibilityLevel compatibilityLevel(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }

    /** Sets the level of one subject, or the global default when {@code subjectOrNull} is null. */
    public synchronized void setCompatibility(String subjectOrNull, CompatibilityLevel level) {
        journal.compatibilitySet(subjectOrNull, level);
        applyCompatibility(subjectOrNull, level);
    }

    public synchronized void applyCompatibility(String subjectOrNull, CompatibilityLevel level) {
        if (subjectOrNull == null) {
            globalLevel = level;
        } else {
            subjectLevels.put(subjectOrNull, level);
        }
    }

    private List<Schema> schemasOf(String subject) {
        return subjects.getOrDefault(subject, List.of()).stream().map(RegisteredSchema::schema).toList();
    }

    private static SchemaRegistryException subjectNotFound(String subject) {
        return new SchemaRegistryException(404, SchemaRegistryException.SUBJECT_NOT_FOUND,
            "Subject '" + subject + "' not found.");
    }
}
