package io.clvstream.registry;

import java.util.Map;

/** Creates the registry client that {@code schema.registry.url} names. */
public final class SchemaRegistryClients {

    private SchemaRegistryClients() {
    }

    /**
     * A client for {@code configs}: {@code mock://scope} gives the shared in-memory scope; anything else
     * the REST client (several comma-separated URLs fail over in order), with caching both ways.
     */
    public static SchemaRegistryClient create(Map<String, ?> configs) {
        final RegistryClientConfig config = RegistryClientConfig.from(configs);
        final String first = config.urls().get(0);
        if (first.startsWith(MockSchemaRegistry.MOCK_URL_PREFIX)) {
            return MockSchemaRegistry.forScope(first.substring(MockSchemaRegistry.MOCK_URL_PREFIX.length()));
        }
        return new CachedSchemaRegistryClient(new RestSchemaRegistryClient(config));
    }
}
