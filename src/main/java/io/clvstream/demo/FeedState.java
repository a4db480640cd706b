package io.clvstream.demo;

import io.clvstream.avro.Alert;
import io.clvstream.avro.CustomerValue;
import io.clvstream.avro.TierChange;
import io.clvstream.avro.TierDirection;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;

/** What the feed has seen on the output topics: each customer's latest value and counts of the events. */
public final class FeedState {

    /** The columns of one customer in the top table. */
    public record Row(String customerId, int orders, BigDecimal netRevenue, BigDecimal formulaClv,
                      BigDecimal predictedClv, String tier, boolean repeat) {
    }

    /** Highest formula CLV first; customers without one last; then net revenue, then id for a stable order. */
    static final Comparator<Row> RANKING = Comparator
        .comparing(Row::formulaClv, Comparator.nullsLast(Comparator.<BigDecimal>reverseOrder()))
        .thenComparing(Row::netRevenue, Comparator.reverseOrder())
        .thenComparing(Row::customerId);

    private final Map<String, Row> customers = new HashMap<>();
    private final Map<String, Long> alerts = new LinkedHashMap<>();
    private long upgrades;
    private long downgrades;
    private long deadLetters;
    private long version;

    public FeedState() {
        alerts.put("HIGH_VALUE", 0L);
        alerts.put("AT_RISK", 0L);
    }

    public void onValue(CustomerValue value) {
        customers.put(value.getCustomerId(), new Row(value.getCustomerId(), value.getOrders(), value.getNetRevenue(),
            value.getFormulaClv(), value.getPredictedClv(), value.getTier(), value.getRepeatCustomer()));
        version++;
    }

    public void onTierChange(TierChange change) {
        if (change.getDirection() == TierDirection.UP) {
            upgrades++;
        } else {
            downgrades++;
        }
        version++;
    }

    public void onAlert(Alert alert) {
        alerts.merge(alert.getType().name(), 1L, Long::sum);
        version++;
    }

    public void onDeadLetter() {
        deadLetters++;
        version++;
    }

    /** The {@code n} highest ranked customers with at least one order (a signup alone has no value to rank). */
    public List<Row> top(int n) {
        return customers.values().stream().filter(row -> row.orders() > 0).sorted(RANKING).limit(n).toList();
    }

    public int customers() {
        return customers.size();
    }

    public long repeatCustomers() {
        return customers.values().stream().filter(Row::repeat).count();
    }

    public long upgrades() {
        return upgrades;
    }

    public long downgrades() {
        return downgrades;
    }

    public Map<String, Long> alerts() {
        return new LinkedHashMap<>(alerts);
    }

    public long alertCount() {
        return alerts.values().stream().mapToLong(Long::longValue).sum();
    }

    public long deadLetters() {
        return deadLetters;
    }

    /** Changes whenever anything was seen, so a view can skip redrawing an unchanged table. */
    public long version() {
        return version;
    }
}
