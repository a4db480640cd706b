package io.clvstream.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clvstream.avro.CustomerValue;
import io.clvstream.avro.EventRef;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopCustomersTest {

    @Test
    void keepsTheBestNBestFirstSkippingMissingFiguresAndBreakingTiesById() {
        final List<CustomerValue> values = List.of(value("a", "10.00", null), value("b", "30.00", "5.00"),
            value("c", "20.00", null), value("d", "30.00", "7.00"), value("e", "5.00", "9.00"));

        assertThat(TopCustomers.top(values, TopCustomers.Ranking.netRevenue, 3))
            .extracting(CustomerValue::getCustomerId).containsExactly("b", "d", "c");
        assertThat(TopCustomers.top(values, TopCustomers.Ranking.formulaClv, 10))
            .extracting(CustomerValue::getCustomerId).containsExactly("e", "d", "b");
    }

    @Test
    void mergesInstanceListsExactly() {
        final List<JsonNode> first = List.of(json("a", "10.00"), json("c", "1.10"));
        final List<JsonNode> second = List.of(json("b", "10.00"), json("d", "5.00"));
        assertThat(TopCustomers.merge(List.of(first, second), TopCustomers.Ranking.historicClv, 3))
            .extracting(node -> node.get("customerId").asText()).containsExactly("a", "b", "d");
    }

    @Test
    void unknownRankingIsRejected() {
        assertThatThrownBy(() -> TopCustomers.Ranking.parse("orders")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("historicClv");
    }

    @Test
    void jsonHasTheRecordShapeWithPlainDecimalsAndIsoTimes() throws Exception {
        final ObjectNode node = AvroJson.of(value("a", "1000.00", null));
        final String text = Json.MAPPER.writeValueAsString(node);
        assertThat(text).contains("\"netRevenue\":1000.00", "\"formulaClv\":null",
            "\"updatedAt\":\"2026-01-02T03:04:05Z\"", "\"cause\":{\"id\":\"o-1\",\"type\":\"PURCHASE\",\"note\":null}");
        assertThat(node.fieldNames()).toIterable().first().isEqualTo("customerId");
    }

    private static CustomerValue value(String id, String net, String formula) {
        return CustomerValue.newBuilder().setCustomerId(id).setOrders(1).setRepeatCustomer(false)
            .setNetRevenue(new BigDecimal(net)).setHistoricClv(new BigDecimal(net))
            .setFormulaClv(formula == null ? null : new BigDecimal(formula))
            .setCause(new EventRef("o-1", "PURCHASE", null)).setUpdatedAt(Instant.parse("2026-01-02T03:04:05Z")).build();
    }

    private static JsonNode json(String id, String clv) {
        return Json.parse("{\"customerId\":\"" + id + "\",\"historicClv\":" + clv + "}");
    }
}
