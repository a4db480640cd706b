package io.clvstream.registry;

import org.apache.avro.Schema;

/**
 * The subset of the Confluent Schema Registry API that clv-stream's serdes and tools use.
 * Implementations: {@link MockSchemaRegistry} for {@code mock://} URLs and the REST client for
 * real registries (Confluent Platform/Cloud, Apicurio, Karapace, Redpanda, or our embedded one).
 */
public interface SchemaRegistryClient {

    /** Registers {@code schema} under {@code subject} (idempotent) and returns its global id. */
    int register(String subject, Schema schema);

    /** Returns the id of {@code schema} under {@code subject}; fails with 40403 when not registered there. */
    int getId(String subject, Schema schema);

    /** Returns the schema with global id {@code id}; fails with 40403 when unknown. */
    Schema getById(int id);

    /** Returns the latest version registered under {@code subject}; fails with 40401 when the subject is unknown. */
    RegisteredSchema getLatest(String subject);

    /** Whether {@code schema} may be registered under {@code subject} given its compatibility level. */
    boolean testCompatibility(String subject, Schema schema);
}
