package io.clvstream.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.clvstream.app.broker.EmbeddedKafkaBroker;
import io.clvstream.config.ClvConfig;
import io.clvstream.config.ClvConfigLoader;
import io.clvstream.metrics.ClvMetrics;
import io.clvstream.topology.DeadLetterCounter;
import io.clvstream.registry.MockSchemaRegistry;
import io.clvstream.registry.RegistryClientConfig;
import io.clvstream.registry.SchemaRegistryClient;
import io.clvstream.registry.SchemaRegistryClients;
import io.clvstream.security.SecureSettings;
import io.clvstream.serde.ClvSerdes;
import io.clvstream.topology.ClvTopology;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Secrets (SASL JAAS password, ssl.*.password, registry basic auth, user info in registry URLs)
 * never appear in log output while Streams starts, in exception messages, in the ready line, or in
 * the string form of any config object.
 */
class SecretsNeverLeakTest {

    @TempDir
    Path stateDir;

    @Test
    void startingStreamsAndLoggingTheConfigLogsNoSecretNorDoesMetrics() throws InterruptedException {
        final String scope = "leak-" + UUID.randomUUID();
        final Map<String, String> flags = new HashMap<>(SecureSettings.kafka("SASL_PLAINTEXT", "PLAIN",
            "org.apache.kafka.common.security.plain.PlainLoginModule"));
        flags.putAll(SecureSettings.registry("mock://" + scope));
        // Nothing listens there: the clients are created, configured and logged, then fail to connect.
        flags.put("bootstrap.servers", "127.0.0.1:" + EmbeddedKafkaBroker.freePort());
        flags.put("application.id", "leak-test");
        flags.put("state.dir", stateDir.toString());
        // The global model-params store cannot initialise without a broker: give up after a second, not five minutes.
        flags.put("task.timeout.ms", "1000");
        flags.put("default.api.timeout.ms", "1000");
        flags.put("request.timeout.ms", "1000");
        final ClvConfig config = ClvConfigLoader.of(flags);

        final ListAppender<ILoggingEvent> logs = capture();
        String scrape = "";
        try {
            final org.slf4j.Logger log = LoggerFactory.getLogger(SecretsNeverLeakTest.class);
            log.info("Starting with {}", config);
            log.info("Effective settings: {}", config.describe());
            final KafkaStreams streams = new KafkaStreams(
                ClvTopology.build(config.asMap(), ClvSerdes.create(config.registryProperties())), config.streamsProperties());
            try (ClvMetrics metrics = new ClvMetrics(new DeadLetterCounter())) {
                metrics.bindStreams(streams);
                try {
                    streams.start();
                    Thread.sleep(2_000);
                } catch (StreamsException expected) {
                    // Nothing listens at bootstrap.servers; the clients were still created, configured and logged.
                }
                scrape = metrics.scrape();
            }
            streams.close(Duration.ofSeconds(15));
        } finally {
            release(logs);
            MockSchemaRegistry.dropScope(scope);
        }

        assertThat(logs.list).as("Kafka logged the client configs it was given")
            .anyMatch(e -> e.getFormattedMessage().contains("sasl.jaas.config = [hidden]"));
        assertThat(logs.list).anyMatch(e -> e.getFormattedMessage().contains("basic.auth.user.info=[hidden]"));
        for (final ILoggingEvent event : logs.list) {
            final String text = event.getFormattedMessage()
                + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            SecureSettings.assertNoSecrets("log line " + event.getLoggerName(), text);
        }
        assertThat(scrape).as("the Kafka Streams binder exported client metrics").contains("kafka_");
        SecureSettings.assertNoSecrets("/metrics", scrape);
    }

    @Test
    void registryErrorsNameNoCredentials() {
        final String url = "http://clv:" + SecureSettings.URL_PASSWORD + "@127.0.0.1:" + EmbeddedKafkaBroker.freePort();
        final Map<String, String> settings = new HashMap<>(SecureSettings.registry(url));
        settings.put("basic.auth.credentials.source", "URL");
        final SchemaRegistryClient client = SchemaRegistryClients.create(settings);
        SecureSettings.assertNoSecrets("client", client.toString());
        SecureSettings.assertNoSecrets("registry config", RegistryClientConfig.from(settings).toString());
        SecureSettings.assertNoSecrets("connection refused", stackTrace(catchThrowable(() -> client.getById(1))));

        final Map<String, String> badTls = new HashMap<>(SecureSettings.registry("https://127.0.0.1:1"));
        badTls.put("schema.registry.ssl.truststore.location", "/no/such/truststore.jks");
        SecureSettings.assertNoSecrets("TLS set-up", stackTrace(catchThrowable(() -> SchemaRegistryClients.create(badTls))));

        final Map<String, String> noUrl = new HashMap<>(SecureSettings.registry("x"));
        noUrl.remove("schema.registry.url");
        SecureSettings.assertNoSecrets("missing URL", stackTrace(catchThrowable(() -> RegistryClientConfig.from(noUrl))));
        SecureSettings.assertNoSecrets("bad URL",
            stackTrace(catchThrowable(() -> SchemaRegistryClients.create(Map.of("schema.registry.url",
                "http://clv:" + SecureSettings.URL_PASSWORD + "@/no-host")))));
    }

    @Test
    void configObjectsAndTheReadyLinePrintNoSecret() {
        final Map<String, String> flags = new HashMap<>(SecureSettings.kafka());
        flags.putAll(SecureSettings.registry("https://clv:" + SecureSettings.URL_PASSWORD + "@registry:8081"));
        flags.put("bootstrap.servers", "broker:9093");
        final ClvConfig config = ClvConfigLoader.of(flags);

        SecureSettings.assertNoSecrets("ClvConfig.toString", config.toString());
        SecureSettings.assertNoSecrets("ClvConfig.describe", config.describe());
        assertThat(config.describe()).contains("ssl.keystore.location=/etc/kafka/secrets/keystore.jks",
            "schema.registry.url=https://[hidden]@registry:8081");
        SecureSettings.assertNoSecrets("RegistryClientConfig", RegistryClientConfig.from(config.registryProperties()).toString());
        assertThat(ClvRunner.readyLine(config, 8080))
            .isEqualTo("ready: kafka=broker:9093 schema-registry=https://[hidden]@registry:8081 http=http://127.0.0.1:8080");
        final Throwable missing = catchThrowable(() -> ClvConfigLoader.of(Map.of("clv.partitions", " ")).partitions());
        SecureSettings.assertNoSecrets("config error", stackTrace(missing));
    }

    private static ListAppender<ILoggingEvent> capture() {
        final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        final ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.setContext(context);
        appender.start();
        final Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        // INFO everywhere for the duration: Kafka prints client configs at INFO.
        for (final String name : new String[] {org.slf4j.Logger.ROOT_LOGGER_NAME, "org.apache.kafka", "io.clvstream"}) {
            context.getLogger(name).setLevel(Level.INFO);
        }
        return appender;
    }

    private static void release(ListAppender<ILoggingEvent> appender) {
        final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
        context.getLogger("org.apache.kafka").setLevel(Level.WARN);
        appender.stop();
    }

    private static String stackTrace(Throwable error) {
        assertThat(error).isNotNull();
        final StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
