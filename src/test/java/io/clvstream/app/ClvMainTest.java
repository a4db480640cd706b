package io.clvstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.clvstream.config.ClvConfig;
import io.clvstream.config.ClvConfigLoader;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParseResult;

class ClvMainTest {

    private static RunCommand parseRun(String... args) {
        final ParseResult result = ClvMain.commandLine().parseArgs(args);
        return (RunCommand) result.subcommand().commandSpec().userObject();
    }

    private static ClvConfig config(RunCommand run) {
        final var flags = run.options.flags();
        flags.putAll(run.runFlags());
        return ClvConfigLoader.load(Optional.empty(), java.util.Map.of(), flags);
    }

    @Test
    void runFlagsBecomeConfiguration() {
        final ClvConfig config = config(parseRun("run", "--data-dir", "/tmp/d", "--kafka-port", "19092",
            "--registry-port", "18081", "--http-port", "18080", "--http-host", "0.0.0.0", "--partitions", "3",
            "--set", "commit.interval.ms=200", "--set", "clv.topic.purchases=shop.orders", "--no-provision-topics"));

        assertThat(config.dataDir().toString()).isEqualTo("/tmp/d");
        assertThat(config.stateDir().toString()).isEqualTo("/tmp/d/streams");
        assertThat(config.kafkaPort()).isEqualTo(19092);
        assertThat(config.registryPort()).isEqualTo(18081);
        assertThat(config.httpPort()).isEqualTo(18080);
        assertThat(config.httpHost()).isEqualTo("0.0.0.0");
        assertThat(config.partitions()).isEqualTo(3);
        assertThat(config.asMap()).containsEntry("commit.interval.ms", "200");
        assertThat(config.topicNames().purchases()).isEqualTo("shop.orders");
        assertThat(config.provisionTopics()).isFalse();
        assertThat(config.bootstrapServers()).isEmpty();
    }

    @Test
    void namedFlagsWinOverSet() {
        final ClvConfig config = config(parseRun("run", "--set", "bootstrap.servers=a:1",
            "--bootstrap-servers", "b:2", "--schema-registry-url", "http://r:8081"));

        assertThat(config.bootstrapServers()).contains("b:2");
        assertThat(config.schemaRegistryUrl()).contains("http://r:8081");
    }

    @Test
    void withoutFlagsTheDefaultsApply() {
        final ClvConfig config = config(parseRun("run"));

        assertThat(config.kafkaPort()).isEqualTo(9092);
        assertThat(config.provisionTopics()).isTrue();
        assertThat(config.dataDir().toString()).isEqualTo("./data");
    }

    @Test
    void noCommandIsAUsageError() {
        assertThat(ClvMain.commandLine().execute()).isEqualTo(2);
    }

    @Test
    void theFormatLocaleIsPinnedWhateverTheMachineSays() {
        final Locale before = Locale.getDefault(Locale.Category.FORMAT);
        try {
            Locale.setDefault(Locale.Category.FORMAT, Locale.GERMANY);
            ClvMain.pinFormatLocale();

            assertThat(String.format("%,d", 1_234_567)).isEqualTo("1,234,567");
        } finally {
            Locale.setDefault(Locale.Category.FORMAT, before);
        }
    }
}
