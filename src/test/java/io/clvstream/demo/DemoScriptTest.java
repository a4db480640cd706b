package io.clvstream.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.clvstream.avro.CustomerSignup;
import io.clvstream.avro.Purchase;
import io.clvstream.avro.Refund;
import io.clvstream.files.Transaction;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoScriptTest {

    private static final DemoInput SAMPLE = DemoInput.sample();

    @Test
    void theShippedSampleIsTheWholeCdnowSample() {
        assertThat(SAMPLE.transactions()).hasSize(6_919);
        assertThat(SAMPLE.errors()).isEmpty();
        final DemoScript script = DemoScript.of(SAMPLE.transactions(), false);
        assertThat(script.customers()).isEqualTo(2_357);
        assertThat(script.events()).hasSize(6_919);
        assertThat(script.first()).isEqualTo(Instant.parse("1997-01-01T00:00:00Z"));
        assertThat(script.last()).isEqualTo(Instant.parse("1998-06-30T00:00:00Z"));
    }

    @Test
    void eventsAreInEventTimeOrderWithEachSignupBeforeItsCustomersFirstOrder() {
        final DemoScript script = DemoScript.of(SAMPLE.transactions(), true);
        final Map<String, Long> signedUp = new HashMap<>();
        long previous = Long.MIN_VALUE;
        for (final DemoEvent event : script.events()) {
            assertThat(event.timeMs()).isGreaterThanOrEqualTo(previous);
            previous = event.timeMs();
            if (event.record() instanceof CustomerSignup signup) {
                signedUp.put(signup.getCustomerId(), event.timeMs());
            } else if (event.record() instanceof Purchase purchase && signedUp.containsKey(purchase.getCustomerId())) {
                assertThat(signedUp.get(purchase.getCustomerId())).isLessThanOrEqualTo(event.timeMs());
            }
        }
        assertThat(script.events()).hasSize(script.purchases() + script.signups() + script.refunds());
        // Roughly nine customers in ten sign up and one order in forty is refunded.
        assertThat(script.signups()).isBetween(2_000, 2_250);
        assertThat(script.refunds()).isBetween(120, 230);
    }

    @Test
    void refundsNeverExceedTheirOrderNorOutlastTheData() {
        final DemoScript script = DemoScript.of(SAMPLE.transactions(), true);
        final Map<String, BigDecimal> orders = new HashMap<>();
        for (final DemoEvent event : script.events()) {
            if (event.record() instanceof Purchase purchase) {
                orders.put(purchase.getOrderId(), purchase.getAmount());
            } else if (event.record() instanceof Refund refund) {
                assertThat(refund.getAmount()).isPositive().isLessThanOrEqualTo(orders.get(refund.getOrderId()));
                assertThat(refund.getOccurredAt()).isBeforeOrEqualTo(script.last());
            }
        }
    }

    @Test
    void theSameInputGivesTheSameScript() {
        final Transaction t = new Transaction(1, "c", "o", Instant.parse("2024-01-01T00:00:00Z"), BigDecimal.TEN, "USD", null);
        assertThat(DemoScript.of(List.of(t), true)).isEqualTo(DemoScript.of(List.of(t), true));
    }
}
