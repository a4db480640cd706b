package io.clvstream.app.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.clvstream.config.ClvConfigLoader;
import io.clvstream.config.TopicNames;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicSpecTest {

    @Test
    void coversEveryTopicNameIncludingRenamedOnes() throws Exception {
        final var config = ClvConfigLoader.of(Map.of("clv.topic.alerts", "ops.alerts"));
        final TopicNames names = config.topicNames();
        final List<String> expected = Arrays.stream(TopicNames.class.getRecordComponents())
            .map(component -> invoke(component, names)).toList();

        assertThat(TopicSpec.all(config)).extracting(TopicSpec::name).containsExactlyInAnyOrderElementsOf(expected)
            .contains("ops.alerts");
    }

    @Test
    void modelParamsHasOnePartitionAndLatestValueTopicsAreCompacted() {
        final Map<String, TopicSpec> specs = TopicSpec.all(ClvConfigLoader.of(Map.of("clv.partitions", "12"))).stream()
            .collect(java.util.stream.Collectors.toMap(TopicSpec::name, spec -> spec));

        assertThat(specs.get("clv.model-params").partitions()).isEqualTo(1);
        assertThat(specs.get("commerce.purchases").partitions()).isEqualTo(12);
        assertThat(specs.values()).filteredOn(spec -> "compact".equals(spec.configs().get("cleanup.policy")))
            .extracting(TopicSpec::name)
            .containsExactlyInAnyOrder("clv.customer-values", "clv.segment-stats", "clv.model-params");
    }

    private static String invoke(RecordComponent component, TopicNames names) {
        try {
            return (String) component.getAccessor().invoke(names);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
