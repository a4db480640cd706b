package io.clvstream.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * In-memory registry for {@code mock://<scope>} URLs (Confluent's convention for tests): every
 * client configured with the same scope shares one {@link SchemaStore}. Tests drop their scope
 * when done so scopes do not leak between tests.
 */
public final class MockSchemaRegistry implements SchemaRegistryClient {

    public static final String MOCK_URL_PREFIX = "mock://";

    private static final Map<String, SchemaStore> SCOPES = new ConcurrentHashMap<>();

    private final SchemaStore store;

    private MockSchemaRegistry(SchemaStore store) {
        this.store = store;
    }

    /** The client for {@code scope}, creating the scope on first use. */
    public static MockSchemaRegistry forScope(String scope) {
        return new MockSchemaRegistry(SCOPES.computeIfAbsent(scope, s -> new SchemaStore()));
    }

    public static void dropScope(String scope) {
        SCOPES.remove(scope);
    }

    /** The store behind {@code scope}, for tests that inspect or seed it. */
    public static SchemaStore store(String scope) {
        return SCOPES.computeIfAbsent(scope, s -> new SchemaStore());
    }

    @Override
    public int register(String subject, Schema schema) {
        return store.register(subject, schema).id();
    }

    @Override
    public int getId(String subject, Schema schema) {
        return store.lookup(subject, schema).id();
    }

    @Override
    public Schema getById(int id) {
        return store.byId(id);
    }

    @Override
    public RegisteredSchema getLatest(String subject) {
        return store.version(subject, "latest");
    }

    @Override
    public boolean testCompatibility(String subject, Schema schema) {
        return store.incompatibilities(subject, schema).isEmpty();
    }
}
