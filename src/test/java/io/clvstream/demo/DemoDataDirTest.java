package io.clvstream.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDataDirTest {

    @TempDir
    Path root;

    @Test
    void aNewDirectoryIsReplayedAndMarkedAsTheDemos() {
        final Path dir = root.resolve("demo");
        assertThat(new DemoDataDir(dir).prepare(false, "sample")).isEqualTo(new DemoDataDir.Plan(true, ""));
        assertThat(dir.resolve(DemoDataDir.MARKER)).exists();
    }

    @Test
    void aFinishedDemoIsShownAgainWithoutReplayingUnlessFresh() throws Exception {
        final Path dir = root.resolve("demo");
        final DemoDataDir demo = new DemoDataDir(dir);
        demo.prepare(false, "sample");
        Files.writeString(dir.resolve("broker-data"), "x");
        demo.finished(9_202);

        final DemoDataDir.Plan again = demo.prepare(false, "sample");
        assertThat(again.replay()).isFalse();
        assertThat(again.message()).contains("resuming", "9202 events of sample", "--fresh");
        assertThat(dir.resolve("broker-data")).exists();

        final DemoDataDir.Plan fresh = demo.prepare(true, "sample");
        assertThat(fresh.replay()).isTrue();
        assertThat(fresh.message()).contains("starting fresh");
        assertThat(dir.resolve("broker-data")).doesNotExist();
    }

    @Test
    void anInterruptedDemoStartsOver() throws Exception {
        final Path dir = root.resolve("demo");
        new DemoDataDir(dir).prepare(false, "sample");
        Files.writeString(dir.resolve("broker-data"), "x");

        final DemoDataDir.Plan plan = new DemoDataDir(dir).prepare(false, "sample");
        assertThat(plan.replay()).isTrue();
        assertThat(plan.message()).contains("did not finish");
        assertThat(dir.resolve("broker-data")).doesNotExist();
    }

    @Test
    void dataTheDemoDidNotCreateIsNeverTouched() throws Exception {
        Files.writeString(root.resolve("meta.properties"), "x");

        assertThatThrownBy(() -> new DemoDataDir(root).prepare(true, "sample"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("did not create");
        assertThat(root.resolve("meta.properties")).exists();
    }
}
