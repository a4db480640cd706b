package io.clvstream.serving;

import com.fasterxml.jackson.databind.JsonNode;
import io.clvstream.avro.CustomerValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * Top-n customers by one money figure. Each instance ranks its own customers; the instance that was
 * asked merges the instances' lists, which is exact because every customer lives on one instance.
 * Customers without the figure (no formula or predicted CLV yet) are left out; ties go to the lower id.
 */
final class TopCustomers {

    /** The figures customers can be ranked by, named as the CustomerValue fields. */
    enum Ranking {
        historicClv(CustomerValue::getHistoricClv),
        formulaClv(CustomerValue::getFormulaClv),
        predictedClv(CustomerValue::getPredictedClv),
        netRevenue(CustomerValue::getNetRevenue);

        private final Function<CustomerValue, BigDecimal> figure;

        Ranking(Function<CustomerValue, BigDecimal> figure) {
            this.figure = figure;
        }

        BigDecimal of(CustomerValue value) {
            return figure.apply(value);
        }

        static Ranking parse(String name) {
            return Arrays.stream(values()).filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("by must be one of " + Arrays.toString(values())));
        }
    }

    private TopCustomers() {
    }

    /** The best {@code n} of {@code values} by {@code ranking}, best first; one pass, memory O(n). */
    static List<CustomerValue> top(Iterable<CustomerValue> values, Ranking ranking, int n) {
        final Comparator<CustomerValue> order = Comparator.comparing(ranking::of)
            .thenComparing(CustomerValue::getCustomerId, Comparator.reverseOrder());
        final PriorityQueue<CustomerValue> best = new PriorityQueue<>(order);
        for (final CustomerValue value : values) {
            if (ranking.of(value) == null) {
                continue;
            }
            best.add(value);
            if (best.size() > n) {
                best.poll();
            }
        }
        final List<CustomerValue> result = new ArrayList<>(best);
        result.sort(order.reversed());
        return result;
    }

    /** The best {@code n} of the customers in all {@code lists} (JSON customers), best first. */
    static List<JsonNode> merge(List<? extends Iterable<JsonNode>> lists, Ranking ranking, int n) {
        final List<JsonNode> all = new ArrayList<>();
        lists.forEach(list -> list.forEach(all::add));
        all.sort(Comparator.<JsonNode, BigDecimal>comparing(node -> node.get(ranking.name()).decimalValue())
            .reversed()
            .thenComparing(node -> node.get("customerId").asText()));
        return all.subList(0, Math.min(n, all.size()));
    }
}
