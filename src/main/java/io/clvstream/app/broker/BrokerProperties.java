package io.clvstream.app.broker;

import java.util.Properties;

/** The server.properties of a single-node KRaft broker+controller bound to loopback only. */
final class BrokerProperties {

    static final int NODE_ID = 1;

    private BrokerProperties() {
    }

    static Properties singleNode(BrokerLayout layout, int port, int controllerPort) {
        final String controller = "127.0.0.1:" + controllerPort;
        final Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        // A static quorum (not --standalone): the controller port may change between runs, and a
        // dynamic quorum would remember the old endpoint in its metadata log.
        props.put("controller.quorum.voters", NODE_ID + "@" + controller);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://" + controller);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", layout.logDir().toAbsolutePath().toString());
        // One node: every internal topic can only have one replica.
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("min.insync.replicas", "1");
        props.put("default.replication.factor", "1");
        // Fewer internal partitions than the 50 of a production cluster: faster first start.
        props.put("offsets.topic.num.partitions", "6");
        props.put("transaction.state.log.num.partitions", "6");
        props.put("group.initial.rebalance.delay.ms", "0");
        // Topics are created on purpose (TopicProvisioner, Streams); a typo must not create one.
        props.put("auto.create.topics.enable", "false");
        return props;
    }
}
