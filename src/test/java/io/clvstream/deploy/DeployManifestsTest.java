package io.clvstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clvstream.app.ClvMain;
import io.clvstream.app.topics.TopicSpec;
import io.clvstream.config.ClvConfig;
import io.clvstream.config.ClvConfigLoader;
import io.clvstream.config.EnvironmentMapping;
import io.clvstream.config.TopicNames;
import io.clvstream.registry.RegistryClientConfig;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * Keeps {@code deploy/} (compose file, Kubernetes manifests, Prometheus config) and the image
 * definition in {@code pom.xml} in agreement with the application: environment variable names,
 * ports, endpoints, topics and the state directory. A renamed setting, flag, port, endpoint or topic
 * on either side fails here rather than in a user's cluster.
 *
 * <p>YAML is composed by SnakeYAML (the parser under jackson-dataformat-yaml), because compose files
 * rely on anchors and merge keys ({@code <<: *clv-env}) that Jackson's streaming YAML parser does not
 * resolve; the resolved documents are then inspected as Jackson trees.
 */
class DeployManifestsTest {

    private static final Path DEPLOY = Path.of(System.getProperty("basedir", ".")).resolve("deploy");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The HTTP server's paths (REST, probes, metrics); the server itself arrives with issue #5. */
    private static final String READY_PATH = "/ready";
    private static final String HEALTH_PATH = "/health";
    private static final String METRICS_PATH = "/metrics";


    /** Settings the manifests already use ahead of their implementation (bounded RocksDB memory, #6). */
    private static final Set<String> PLANNED_SETTINGS = Set.of(
        "clv.rocksdb.block-cache-bytes", "clv.rocksdb.write-buffer-bytes");

    /** Non-CLV variables a pod may set: the downward API names and the JVM's and allocator's own. */
    private static final Set<String> RUNTIME_VARIABLES = Set.of(
        "POD_NAME", "POD_NAMESPACE", "JAVA_TOOL_OPTIONS", "MALLOC_ARENA_MAX");

    private static final String VOLUME = "/var/lib/clv-stream";

    private static Set<String> knownSettings;
    private static Set<String> runFlags;
    private static int httpPort;

    @BeforeAll
    static void applicationNames() throws IllegalAccessException {
        final Set<String> names = new HashSet<>();
        names.addAll(StreamsConfig.configDef().names());
        names.addAll(ConsumerConfig.configNames());
        names.addAll(ProducerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        names.addAll(ClvConfigLoader.defaults().keySet());
        names.addAll(stringConstants(ClvConfig.class));
        names.addAll(stringConstants(RegistryClientConfig.class));
        names.addAll(PLANNED_SETTINGS);
        knownSettings = Set.copyOf(names);
        httpPort = Integer.parseInt(ClvConfigLoader.defaults().get(ClvConfig.HTTP_PORT).toString());
        final CommandLine run = new CommandLine(new ClvMain()).getSubcommands().get("run");
        assertThat(run).as("`clv run` subcommand").isNotNull();
        runFlags = run.getCommandSpec().options().stream()
            .flatMap(option -> Stream.of(option.names())).collect(Collectors.toUnmodifiableSet());
    }

    // ---- compose.yaml -------------------------------------------------------------------------

    @Test
    void composeInstancesAreConfiguredThroughKnownClvVariablesOnly() throws IOException {
        final Map<String, JsonNode> instances = composeInstances();
        assertThat(instances).as("clv-stream services in compose.yaml").hasSizeGreaterThanOrEqualTo(2);
        instances.forEach((name, service) -> {
            final Map<String, String> env = environment(service.path("environment"));
            assertThat(env.keySet()).as("%s environment", name).isNotEmpty()
                .allSatisfy(variable -> assertKnownClvVariable(name, variable));
            assertThat(propertyValue(env, StreamsConfig.STATE_DIR_CONFIG)).as("%s state.dir", name)
                .startsWith(VOLUME + "/");
            assertThat(propertyValue(env, StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).as("%s standbys", name)
                .isEqualTo("1");
            assertThat(propertyValue(env, ClvConfig.HTTP_PORT)).as("%s HTTP port", name)
                .isEqualTo(String.valueOf(httpPort));
        });
    }

    @Test
    void composeInstancesRunTheRunCommandAndAdvertiseDistinctAddresses() throws IOException {
        final JsonNode compose = compose();
        final Set<String> servers = new HashSet<>();
        composeInstances().forEach((name, service) -> {
            assertRunCommand(name, strings(service.path("command")));
            final Map<String, String> env = environment(service.path("environment"));
            final String server = propertyValue(env, StreamsConfig.APPLICATION_SERVER_CONFIG);
            assertThat(server).as("%s application.server", name).isEqualTo(name + ":" + httpPort);
            servers.add(server);
            assertThat(strings(service.path("ports"))).as("%s published ports", name)
                .anySatisfy(port -> assertThat(port).endsWith(":" + httpPort));
            assertThat(strings(service.path("volumes"))).as("%s volumes", name)
                .anySatisfy(volume -> assertThat(volume).endsWith(":" + VOLUME));
            assertThat(service.path("stop_grace_period").asText()).as("%s stop_grace_period", name).isEqualTo("60s");

            final String bootstrap = propertyValue(env, StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
            assertThat(compose.path("services").path(bootstrap.split(":")[0]).isObject())
                .as("%s bootstrap.servers %s names a compose service", name, bootstrap).isTrue();
            assertThat(compose.path("services").path("kafka").path("environment").path("KAFKA_ADVERTISED_LISTENERS")
                .asText()).as("Kafka advertises %s", bootstrap).contains("//" + bootstrap);
            final String registry = propertyValue(env, ClvConfig.SCHEMA_REGISTRY_URL);
            final Matcher url = Pattern.compile("http://([^:/]+):(\\d+)").matcher(registry);
            assertThat(url.matches()).as("%s schema.registry.url %s", name, registry).isTrue();
            final JsonNode registryService = compose.path("services").path(url.group(1));
            assertThat(registryService.path("image").asText()).startsWith("confluentinc/cp-schema-registry:");
            assertThat(registryService.path("environment").path("SCHEMA_REGISTRY_LISTENERS").asText())
                .endsWith(":" + url.group(2));
        });
        assertThat(servers).as("application.server of each instance").hasSize(composeInstances().size());
    }

    @Test
    void topicInitCreatesDesignTopicsWithTheirPartitionsAndCompaction() throws IOException {
        final JsonNode init = compose().path("services").path("topic-init");
        assertThat(init.path("image").asText()).startsWith("apache/kafka:");
        final Map<String, String[]> topics = new TreeMap<>();
        for (final String spec : init.path("environment").path("TOPICS").asText().trim().split("\\s+")) {
            final String[] parts = spec.split(":");
            assertThat(parts).as("topic spec %s (name:partitions:cleanup.policy)", spec).hasSize(3);
            topics.put(parts[0], parts);
        }
        final ClvConfig defaults = ClvConfigLoader.of(Map.of());
        final List<TopicSpec> expected = TopicSpec.all(defaults);
        assertThat(topics.keySet()).as("topic-init topics")
            .containsExactlyInAnyOrderElementsOf(expected.stream().map(TopicSpec::name).toList())
            .containsAll(allTopics(defaults.topicNames()));
        for (final TopicSpec spec : expected) {
            final String[] created = topics.get(spec.name());
            assertThat(created[1]).as("partitions of %s", spec.name()).isEqualTo(String.valueOf(spec.partitions()));
            assertThat(created[2]).as("cleanup.policy of %s", spec.name())
                .isEqualTo(spec.configs().getOrDefault(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE));
        }
        assertThat(String.join("\n", strings(init.path("command"))))
            .contains("kafka-topics.sh", "--create", "--if-not-exists", "--partitions", "cleanup.policy=");
        composeInstances().forEach((name, service) -> assertThat(service.path("depends_on").path("topic-init")
            .path("condition").asText()).as("%s waits for topic-init", name).isEqualTo("service_completed_successfully"));
    }

    @Test
    void prometheusScrapesEveryInstanceOnTheMetricsEndpoint() throws IOException {
        final JsonNode prometheus = compose().path("services").path("prometheus");
        assertThat(strings(prometheus.path("profiles"))).containsExactly("monitoring");
        assertThat(strings(prometheus.path("volumes"))).contains("./prometheus.yml:/etc/prometheus/prometheus.yml:ro");
        final JsonNode job = yaml(DEPLOY.resolve("prometheus.yml")).get(0).path("scrape_configs").get(0);
        assertThat(job.path("metrics_path").asText()).isEqualTo(METRICS_PATH);
        final List<String> targets = new ArrayList<>();
        job.path("static_configs").forEach(config -> targets.addAll(strings(config.path("targets"))));
        assertThat(targets).containsExactlyInAnyOrderElementsOf(
            composeInstances().keySet().stream().map(name -> name + ":" + httpPort).toList());
    }

    // ---- kubernetes/ --------------------------------------------------------------------------

    @Test
    void configMapAndSecretHoldOnlyKnownClvVariables() throws IOException {
        final Map<String, String> config = stringMap(k8s("ConfigMap", "clv-stream").path("data"));
        assertThat(config.keySet()).isNotEmpty().allSatisfy(variable -> assertKnownClvVariable("ConfigMap", variable));
        assertThat(propertyValue(config, StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo("1");
        assertThat(propertyValue(config, ClvConfig.HTTP_PORT)).isEqualTo(String.valueOf(httpPort));
        final Map<String, String> secret = stringMap(k8s("Secret", "clv-stream-credentials").path("stringData"));
        assertThat(secret.keySet()).containsExactlyInAnyOrder("CLV_SASL_JAAS_CONFIG", "CLV_BASIC_AUTH_USER_INFO")
            .allSatisfy(variable -> assertKnownClvVariable("Secret", variable));
        assertThat(EnvironmentMapping.propertyName("CLV_BASIC_AUTH_USER_INFO")).isEqualTo(RegistryClientConfig.BASIC_AUTH_USER_INFO);
    }

    @Test
    void statefulSetRunsTheRunCommandWithConfigurationFromConfigMapAndSecret() throws IOException {
        final JsonNode pod = k8s("StatefulSet", "clv-stream").path("spec").path("template").path("spec");
        final JsonNode container = pod.path("containers").get(0);
        assertRunCommand("StatefulSet", strings(container.path("args")));
        assertThat(container.path("command").isMissingNode()).as("keeps the image's java entrypoint").isTrue();
        assertThat(container.path("envFrom").findValuesAsText("name")).containsExactly("clv-stream");

        final Map<String, JsonNode> env = new LinkedHashMap<>();
        container.path("env").forEach(variable -> env.put(variable.path("name").asText(), variable));
        assertThat(env.keySet()).allSatisfy(variable -> {
            if (!RUNTIME_VARIABLES.contains(variable)) {
                assertKnownClvVariable("StatefulSet", variable);
            }
        });
        final Set<String> secretKeys = stringMap(k8s("Secret", "clv-stream-credentials").path("stringData")).keySet();
        final Set<String> referenced = new HashSet<>();
        env.values().forEach(variable -> {
            final JsonNode ref = variable.path("valueFrom").path("secretKeyRef");
            if (!ref.isMissingNode()) {
                assertThat(ref.path("name").asText()).isEqualTo("clv-stream-credentials");
                assertThat(ref.path("key").asText()).as("secret key of %s", variable.path("name").asText())
                    .isIn(secretKeys).isEqualTo(variable.path("name").asText());
                referenced.add(ref.path("key").asText());
            }
        });
        assertThat(referenced).as("Secret keys used by the StatefulSet").isEqualTo(secretKeys);
    }

    @Test
    void statefulSetAdvertisesItsStablePodAddress() throws IOException {
        final JsonNode spec = k8s("StatefulSet", "clv-stream").path("spec");
        final JsonNode headless = k8s("Service", spec.path("serviceName").asText());
        assertThat(headless.path("spec").path("clusterIP").asText()).as("governing Service is headless").isEqualTo("None");
        final List<String> names = new ArrayList<>();
        final Map<String, String> values = new HashMap<>();
        spec.path("template").path("spec").path("containers").get(0).path("env").forEach(variable -> {
            names.add(variable.path("name").asText());
            values.put(variable.path("name").asText(), variable.path("value").asText(
                variable.path("valueFrom").path("fieldRef").path("fieldPath").asText()));
        });
        assertThat(values).containsEntry("POD_NAME", "metadata.name").containsEntry("POD_NAMESPACE", "metadata.namespace");
        final String server = values.get("CLV_APPLICATION_SERVER");
        assertThat(server).isEqualTo("$(POD_NAME)." + spec.path("serviceName").asText() + ".$(POD_NAMESPACE).svc:" + httpPort);
        assertThat(EnvironmentMapping.propertyName("CLV_APPLICATION_SERVER")).isEqualTo(StreamsConfig.APPLICATION_SERVER_CONFIG);
        // Kubernetes expands $(VAR) only from variables defined earlier in the list.
        assertThat(names.indexOf("POD_NAME")).isLessThan(names.indexOf("CLV_APPLICATION_SERVER"));
        assertThat(names.indexOf("POD_NAMESPACE")).isLessThan(names.indexOf("CLV_APPLICATION_SERVER"));
        assertThat(spec.path("replicas").asInt()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void probesAndServicesUseTheApplicationsHttpPortAndEndpoints() throws IOException {
        final JsonNode statefulSet = k8s("StatefulSet", "clv-stream");
        final JsonNode container = statefulSet.path("spec").path("template").path("spec").path("containers").get(0);
        final Map<String, Integer> ports = new HashMap<>();
        container.path("ports").forEach(port -> ports.put(port.path("name").asText(), port.path("containerPort").asInt()));
        assertThat(ports).containsEntry("http", httpPort);

        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo(READY_PATH);
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo(HEALTH_PATH);
        for (final String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            assertThat(resolvePort(container.path(probe).path("httpGet").path("port"), ports)).as(probe).isEqualTo(httpPort);
        }
        final JsonNode podLabels = statefulSet.path("spec").path("template").path("metadata").path("labels");
        assertThat(statefulSet.path("spec").path("template").path("metadata").path("annotations")
            .path("prometheus.io/path").asText()).isEqualTo(METRICS_PATH);
        for (final String service : List.of("clv-stream", "clv-stream-headless")) {
            final JsonNode spec = k8s("Service", service).path("spec");
            assertThat(selects(spec.path("selector"), podLabels)).as("%s selects the pods", service).isTrue();
            assertThat(resolvePort(spec.path("ports").get(0).path("targetPort"), ports)).as("%s targetPort", service)
                .isEqualTo(httpPort);
        }
        final JsonNode pdb = k8s("PodDisruptionBudget", "clv-stream").path("spec");
        assertThat(pdb.path("maxUnavailable").asInt()).isEqualTo(1);
        assertThat(selects(pdb.path("selector").path("matchLabels"), podLabels)).isTrue();
    }

    @Test
    void stateLivesOnThePersistentVolumeAndTerminationLeavesTimeToClose() throws IOException {
        final JsonNode spec = k8s("StatefulSet", "clv-stream").path("spec");
        final JsonNode pod = spec.path("template").path("spec");
        final String claim = spec.path("volumeClaimTemplates").get(0).path("metadata").path("name").asText();
        final Map<String, String> mounts = new HashMap<>();
        pod.path("containers").get(0).path("volumeMounts")
            .forEach(mount -> mounts.put(mount.path("name").asText(), mount.path("mountPath").asText()));
        assertThat(mounts).containsEntry(claim, VOLUME).containsEntry("tmp", "/tmp");
        final String stateDir = propertyValue(stringMap(k8s("ConfigMap", "clv-stream").path("data")), StreamsConfig.STATE_DIR_CONFIG);
        assertThat(stateDir).as("state.dir is on the claim mounted at %s", VOLUME).startsWith(VOLUME + "/");
        assertThat(pod.path("securityContext").path("fsGroup").asInt()).as("volume writable by the non-root user")
            .isEqualTo(pod.path("securityContext").path("runAsUser").asInt()).isNotZero();
        assertThat(pod.path("terminationGracePeriodSeconds").asInt()).isGreaterThanOrEqualTo(60);
    }

    @Test
    void memoryLimitCoversHeapPlusTheBoundedRocksDbBudget() throws IOException {
        final JsonNode container = k8s("StatefulSet", "clv-stream").path("spec").path("template").path("spec")
            .path("containers").get(0);
        final JsonNode resources = container.path("resources");
        final long limit = bytes(resources.path("limits").path("memory").asText());
        assertThat(bytes(resources.path("requests").path("memory").asText())).isEqualTo(limit);
        final Map<String, String> config = stringMap(k8s("ConfigMap", "clv-stream").path("data"));
        final long rocksDb = Long.parseLong(propertyValue(config, "clv.rocksdb.block-cache-bytes"))
            + Long.parseLong(propertyValue(config, "clv.rocksdb.write-buffer-bytes"));
        String javaOptions = "";
        for (final JsonNode variable : container.path("env")) {
            if (variable.path("name").asText().equals("JAVA_TOOL_OPTIONS")) {
                javaOptions = variable.path("value").asText();
            }
        }
        final Matcher percentage = Pattern.compile("-XX:MaxRAMPercentage=(\\d+)").matcher(javaOptions);
        assertThat(percentage.find()).as("heap bounded relative to the limit: %s", javaOptions).isTrue();
        final long heap = limit * Long.parseLong(percentage.group(1)) / 100;
        // Metaspace, thread stacks, network buffers and RocksDB's own overhead need room too.
        final long overhead = 512L << 20;
        assertThat(heap + rocksDb + overhead).as("heap %d + RocksDB %d + overhead %d within limit %d",
            heap, rocksDb, overhead, limit).isLessThanOrEqualTo(limit);
    }

    @Test
    void kustomizationListsEveryManifest() throws IOException {
        final JsonNode kustomization = yaml(DEPLOY.resolve("kubernetes/kustomization.yaml")).get(0);
        final Set<String> files;
        try (Stream<Path> listing = Files.list(DEPLOY.resolve("kubernetes"))) {
            files = listing.map(path -> path.getFileName().toString())
                .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml")).collect(Collectors.toSet());
        }
        assertThat(strings(kustomization.path("resources"))).containsExactlyInAnyOrderElementsOf(files);
    }

    // ---- the image (pom.xml, profile `image`) -------------------------------------------------

    @Test
    void imageRunsTheRunCommandAsNonRootWithStateOnTheVolume() throws Exception {
        final Element profile = imageProfile();
        final Element container = child(profile, "build", "plugins", "plugin", "configuration", "container");
        assertThat(text(container, "mainClass")).isEqualTo("io.clvstream.app.ClvMain");
        assertThat(texts(child(container, "args"), "arg")).containsExactly("run");
        assertThat(texts(child(container, "ports"), "port")).containsExactly(String.valueOf(httpPort));
        assertThat(texts(child(container, "volumes"), "volume")).containsExactly(VOLUME);
        assertThat(texts(child(container, "jvmFlags"), "jvmFlag")).anyMatch(flag -> flag.startsWith("-XX:MaxRAMPercentage="))
            .contains("-XX:+ExitOnOutOfMemoryError");
        assertThat(text(container, "user").split(":")[0]).isNotIn("0", "root", "");
        final Element environment = child(container, "environment");
        final Map<String, String> env = new TreeMap<>();
        for (var node = environment.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element variable) {
                env.put(variable.getTagName(), variable.getTextContent().trim());
            }
        }
        assertThat(env.keySet()).allSatisfy(variable -> assertKnownClvVariable("image", variable));
        assertThat(propertyValue(env, StreamsConfig.STATE_DIR_CONFIG)).startsWith(VOLUME + "/");
        assertThat(propertyValue(env, ClvConfig.DATA_DIR)).startsWith(VOLUME + "/");
        assertThat(Files.isRegularFile(DEPLOY.resolve("image/rootfs" + VOLUME + "/.keep")))
            .as("the image creates the volume's mount point").isTrue();
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static void assertKnownClvVariable(String where, String variable) {
        assertThat(variable).as("%s: variable %s", where, variable).startsWith(EnvironmentMapping.PREFIX);
        assertThat(EnvironmentMapping.propertyName(variable)).as("%s: property set by %s", where, variable)
            .isIn(knownSettings);
    }

    private static void assertRunCommand(String where, List<String> args) {
        assertThat(args).as("%s command", where).isNotEmpty();
        assertThat(args.get(0)).as("%s subcommand", where).isEqualTo("run");
        args.stream().skip(1).filter(arg -> arg.startsWith("--"))
            .forEach(flag -> assertThat(flag.split("=")[0]).as("%s flag", where).isIn(runFlags));
    }

    /** The value a {@code CLV_*} variable gives {@code property}, failing if no variable sets it. */
    private static String propertyValue(Map<String, String> env, String property) {
        return env.entrySet().stream()
            .filter(e -> e.getKey().startsWith(EnvironmentMapping.PREFIX)
                && EnvironmentMapping.propertyName(e.getKey()).equals(property))
            .map(Map.Entry::getValue).findFirst()
            .orElseThrow(() -> new AssertionError("no CLV_ variable sets " + property + " in " + env.keySet()));
    }

    private static Map<String, JsonNode> composeInstances() throws IOException {
        final Map<String, JsonNode> instances = new TreeMap<>();
        compose().path("services").fields().forEachRemaining(e -> {
            if (e.getValue().path("image").asText().contains("clv-stream")) {
                instances.put(e.getKey(), e.getValue());
            }
        });
        return instances;
    }

    private static JsonNode compose() throws IOException {
        return yaml(DEPLOY.resolve("compose.yaml")).get(0);
    }

    private static JsonNode k8s(String kind, String name) throws IOException {
        final List<JsonNode> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(DEPLOY.resolve("kubernetes"))) {
            for (final Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (final JsonNode doc : yaml(file)) {
                    if (doc.path("kind").asText().equals(kind) && doc.path("metadata").path("name").asText().equals(name)) {
                        found.add(doc);
                    }
                }
            }
        }
        assertThat(found).as("%s/%s in deploy/kubernetes", kind, name).hasSize(1);
        return found.get(0);
    }

    private static List<JsonNode> yaml(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return StreamSupport.stream(new Yaml(new LoaderOptions()).loadAll(reader).spliterator(), false)
                .filter(doc -> doc != null).map(doc -> (JsonNode) JSON.valueToTree(doc)).toList();
        }
    }

    private static Map<String, String> environment(JsonNode environment) {
        final Map<String, String> env = new TreeMap<>();
        if (environment.isArray()) {
            environment.forEach(entry -> {
                final String[] pair = entry.asText().split("=", 2);
                env.put(pair[0], pair.length > 1 ? pair[1] : "");
            });
        } else {
            env.putAll(stringMap(environment));
        }
        return env;
    }

    private static Map<String, String> stringMap(JsonNode object) {
        final Map<String, String> map = new TreeMap<>();
        object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    private static List<String> strings(JsonNode node) {
        final List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(value -> values.add(value.asText()));
        } else if (!node.isMissingNode() && !node.isNull()) {
            values.add(node.asText());
        }
        return values;
    }

    private static int resolvePort(JsonNode port, Map<String, Integer> named) {
        return port.isInt() ? port.asInt() : named.getOrDefault(port.asText(), -1);
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector.size() == 0) {
            return false;
        }
        final boolean[] all = {true};
        selector.fields().forEachRemaining(e -> all[0] &= labels.path(e.getKey()).asText().equals(e.getValue().asText()));
        return all[0];
    }

    private static long bytes(String quantity) {
        final Matcher m = Pattern.compile("(\\d+)(Ki|Mi|Gi)?").matcher(quantity);
        assertThat(m.matches()).as("memory quantity %s", quantity).isTrue();
        final int shift = m.group(2) == null ? 0 : switch (m.group(2)) {
            case "Ki" -> 10;
            case "Mi" -> 20;
            default -> 30;
        };
        return Long.parseLong(m.group(1)) << shift;
    }

    private static List<String> allTopics(TopicNames names) {
        return List.of(names.purchases(), names.refunds(), names.signups(), names.customerValues(), names.tierChanges(),
            names.alerts(), names.segmentStats(), names.modelParams(), names.deadLetter());
    }

    private static Set<String> stringConstants(Class<?> type) throws IllegalAccessException {
        final Set<String> values = new HashSet<>();
        for (final Field field : type.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                values.add((String) field.get(null));
            }
        }
        return values;
    }

    private static Element imageProfile() throws Exception {
        final var factory = DocumentBuilderFactory.newInstance();
        final var pom = factory.newDocumentBuilder().parse(DEPLOY.resolveSibling("pom.xml").toFile());
        final var profiles = pom.getElementsByTagName("profile");
        for (int i = 0; i < profiles.getLength(); i++) {
            final Element profile = (Element) profiles.item(i);
            if ("image".equals(text(profile, "id"))) {
                return profile;
            }
        }
        throw new AssertionError("pom.xml has no profile `image`");
    }

    /** The first descendant along {@code path}, each step a direct child element. */
    private static Element child(Element parent, String... path) {
        Element current = parent;
        for (final String name : path) {
            Element next = null;
            for (var node = current.getFirstChild(); node != null && next == null; node = node.getNextSibling()) {
                if (node instanceof Element element && element.getTagName().equals(name)) {
                    next = element;
                }
            }
            assertThat(next).as("<%s> under <%s>", name, current.getTagName()).isNotNull();
            current = next;
        }
        return current;
    }

    private static String text(Element parent, String name) {
        return child(parent, name).getTextContent().trim();
    }

    private static List<String> texts(Element parent, String name) {
        final List<String> values = new ArrayList<>();
        for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                values.add(element.getTextContent().trim());
            }
        }
        return values;
    }
}
