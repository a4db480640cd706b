package io.clvstream.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.clvstream.avro.CustomerValue;
import io.clvstream.avro.EventRef;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeedStateTest {

    private static CustomerValue value(String id, int orders, String net, String formula) {
        return CustomerValue.newBuilder().setCustomerId(id).setOrders(orders).setRepeatCustomer(orders > 1)
            .setNetRevenue(new BigDecimal(net)).setHistoricClv(new BigDecimal(net))
            .setFormulaClv(formula == null ? null : new BigDecimal(formula))
            .setCause(new EventRef("o", "PURCHASE", null)).setUpdatedAt(Instant.EPOCH).build();
    }

    @Test
    void ranksByFormulaClvKeepingOnlyEachCustomersLatestValueAndSkippingSignupsWithoutOrders() {
        final FeedState state = new FeedState();
        state.onValue(value("a", 1, "10.00", "90.00"));
        state.onValue(value("b", 2, "50.00", "300.00"));
        state.onValue(value("a", 3, "400.00", "1000.00"));
        state.onValue(value("c", 0, "0.00", null));

        assertThat(state.top(10)).extracting(FeedState.Row::customerId).containsExactly("a", "b");
        assertThat(state.top(1).get(0).orders()).isEqualTo(3);
        assertThat(state.customers()).isEqualTo(3);
        assertThat(state.repeatCustomers()).isEqualTo(2);
    }
}
