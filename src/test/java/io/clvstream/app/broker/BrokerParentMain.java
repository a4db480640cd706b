package io.clvstream.app.broker;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Stands in for a {@code clv run} process in {@link EmbeddedKafkaBrokerIT}: starts the broker, prints
 * the child's pid and waits to be killed, so the test can kill a parent without killing itself.
 */
public final class BrokerParentMain {

    private BrokerParentMain() {
    }

    public static void main(String[] args) throws Exception {
        final EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(Path.of(args[0]),
            EmbeddedKafkaBroker.freePort(), Duration.ofSeconds(90));
        System.out.println("child-pid=" + broker.process().pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
