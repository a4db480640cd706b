package io.clvstream.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Caches what never changes in a registry: the schema behind an id, and the id of a schema under a
 * subject. Latest versions and compatibility answers do change, so they always go to the registry.
 * Failures are not cached, so a registry that was down is asked again on the next call.
 */
public final class CachedSchemaRegistryClient implements SchemaRegistryClient {

    private record SubjectSchema(String subject, Schema schema) {
    }

    private final SchemaRegistryClient delegate;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();

    public CachedSchemaRegistryClient(SchemaRegistryClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public int register(String subject, Schema schema) {
        return idsBySubjectSchema.computeIfAbsent(new SubjectSchema(subject, schema), k -> remember(delegate.register(subject, schema), schema));
    }

    @Override
    public int getId(String subject, Schema schema) {
        return idsBySubjectSchema.computeIfAbsent(new SubjectSchema(subject, schema), k -> remember(delegate.getId(subject, schema), schema));
    }

    @Override
    public Schema getById(int id) {
        return schemasById.computeIfAbsent(id, delegate::getById);
    }

    @Override
    public RegisteredSchema getLatest(String subject) {
        final RegisteredSchema latest = delegate.getLatest(subject);
        remember(latest.id(), latest.schema());
        return latest;
    }

    @Override
    public boolean testCompatibility(String subject, Schema schema) {
        return delegate.testCompatibility(subject, schema);
    }

    @Override
    public String toString() {
        return "Cached" + delegate;
    }

    private int remember(int id, Schema schema) {
        schemasById.putIfAbsent(id, schema);
        return id;
    }
}
