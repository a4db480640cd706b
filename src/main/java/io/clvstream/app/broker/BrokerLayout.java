package io.clvstream.app.broker;

import java.nio.file.Path;

/** Where the embedded broker keeps its files under the data directory, shared by parent and child. */
record BrokerLayout(Path dataDir) {

    Path kafkaDir() {
        return dataDir.resolve("kafka");
    }

    /** Kafka's log dir (partitions and the KRaft metadata log); survives restarts. */
    Path logDir() {
        return kafkaDir().resolve("data");
    }

    /** Written by the storage format; its presence means "already formatted, resume". */
    Path metaProperties() {
        return logDir().resolve("meta.properties");
    }

    /** Rewritten on every start, since the controller port is chosen anew each time. */
    Path serverProperties() {
        return kafkaDir().resolve("server.properties");
    }

    Path logsDir() {
        return dataDir.resolve("logs");
    }

    Path brokerLog() {
        return logsDir().resolve("broker.log");
    }

    /** The child's raw stdout/stderr, for anything printed before or outside of logging. */
    Path brokerConsole() {
        return logsDir().resolve("broker.out");
    }
}
