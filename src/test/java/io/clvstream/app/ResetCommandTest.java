package io.clvstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.clvstream.app.broker.EmbeddedKafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResetCommandTest {

    @TempDir
    Path dataDir;

    @Test
    void deletesTheTaskStateOfTheApplicationOnly() throws Exception {
        final Path task = Files.createDirectories(dataDir.resolve("streams/clv-stream/0_0/rocksdb"));
        Files.writeString(task.resolve("data"), "state");
        final Path otherApp = Files.createDirectories(dataDir.resolve("streams/other-app/0_0"));

        final int status = ClvMain.commandLine().execute("reset", "--data-dir", dataDir.toString(),
            "--bootstrap-servers", "127.0.0.1:" + EmbeddedKafkaBroker.freePort());

        assertThat(status).isZero();
        assertThat(dataDir.resolve("streams/clv-stream/0_0")).doesNotExist();
        assertThat(otherApp).exists();
    }
}
