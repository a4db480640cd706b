package io.clvstream.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clvstream.avro.internal.CustomerEvent;
import io.clvstream.avro.internal.CustomerEventType;
import io.clvstream.avro.internal.CustomerState;
import io.clvstream.avro.internal.EventOrigin;
import io.clvstream.serde.InternalAvroSerde;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The ledger without Kafka: repeat-purchase state, refunds, rolling spend and the state's size. */
class CustomerLedgerTest {

    static final Instant T0 = Instant.parse("2025-03-10T09:00:00Z");
    static final int DAY0 = (int) (T0.getEpochSecond() / 86_400);
    static final EventOrigin ORIGIN = new EventOrigin("t", 0, 0L, null, null);

    final CustomerLedger ledger = new CustomerLedger(CustomerTopologyConfig.defaults());
    final CustomerState state = CustomerLedger.empty();

    static CustomerEvent purchase(String id, int day, long cents) {
        return CustomerEvent.newBuilder().setType(CustomerEventType.PURCHASE).setCustomerId("c").setEventId(id)
            .setOccurredAt(T0.plus(Duration.ofDays(day)).toEpochMilli()).setAmountCents(cents).setOrigin(ORIGIN).build();
    }

    static CustomerEvent refund(String id, String orderId, int day, long cents) {
        return CustomerEvent.newBuilder().setType(CustomerEventType.REFUND).setCustomerId("c").setEventId(id)
            .setOrderId(orderId).setOccurredAt(T0.plus(Duration.ofDays(day)).toEpochMilli()).setAmountCents(cents)
            .setOrigin(ORIGIN).build();
    }

    @Test
    void sameDayPurchasesAreOneTransactionForTheModels() {
        ledger.apply(state, purchase("a", 0, 1_000));
        ledger.apply(state, purchase("b", 0, 500));
        ledger.apply(state, purchase("c", 7, 2_000));
        ledger.apply(state, purchase("d", 7, 1_000));
        ledger.apply(state, purchase("e", 30, 4_000));

        assertThat(state.getOrders()).isEqualTo(5);
        assertThat(CustomerFigures.repeatTransactions(state)).isEqualTo(2);
        assertThat(CustomerFigures.recencyDays(state)).isEqualTo(30);
        // Repeat transactions: day 7 = 30.00, day 30 = 40.00; mean 35.00.
        assertThat(CustomerFigures.meanRepeatValueCents(state)).isEqualTo(3_500.0);
        assertThat(state.getPurchaseDays()).containsExactly(DAY0, 7, 23);
    }

    @Test
    void purchaseDaysAreTheDistinctDaysWhateverTheArrivalOrder() {
        final SplittableRandom random = new SplittableRandom(7);
        final TreeMap<Integer, Long> centsByDay = new TreeMap<>();
        for (int i = 0; i < 200; i++) {
            // Mostly later days, some repeats of a day and some late arrivals of earlier days.
            final int day = random.nextInt(10) < 7 ? i * 2 : random.nextInt(2 * i + 1);
            final long cents = 100 + random.nextInt(1_000);
            ledger.apply(state, purchase("p-" + i, day, cents));
            centsByDay.merge(day, cents, Long::sum);
        }

        final List<Integer> gaps = new ArrayList<>();
        int previous = 0;
        for (final int day : centsByDay.keySet()) {
            gaps.add(gaps.isEmpty() ? DAY0 + day : day - previous);
            previous = day;
        }
        assertThat(state.getPurchaseDays()).isEqualTo(gaps);
        assertThat(state.getFirstDayCents()).isEqualTo(centsByDay.firstEntry().getValue());
    }

    @Test
    void anEarlierPurchaseArrivingLateBecomesTheFirstTransaction() {
        ledger.apply(state, purchase("late", 10, 2_000));
        ledger.apply(state, purchase("early", 0, 1_000));

        assertThat(state.getFirstDayCents()).isEqualTo(1_000);
        assertThat(CustomerFigures.repeatTransactions(state)).isEqualTo(1);
        assertThat(CustomerFigures.meanRepeatValueCents(state)).isEqualTo(2_000.0);
        assertThat(state.getFirstPurchaseAt()).isEqualTo(T0.toEpochMilli());
    }

    @Test
    void fullRefundOfTheFirstDayMovesTheFirstTransaction() {
        ledger.apply(state, purchase("a", 0, 1_000));
        ledger.apply(state, purchase("b", 5, 2_000));
        ledger.apply(state, purchase("c", 5, 500));
        ledger.apply(state, purchase("d", 9, 700));

        final CustomerLedger.Outcome outcome = ledger.apply(state, refund("r", "a", 10, 1_000));

        assertThat(outcome.note()).contains("full refund");
        assertThat(state.getOrders()).isEqualTo(3);
        assertThat(state.getPurchaseDays()).containsExactly(DAY0 + 5, 4);
        assertThat(state.getFirstDayCents()).isEqualTo(2_500);
        assertThat(CustomerFigures.meanRepeatValueCents(state)).isEqualTo(700.0);
        assertThat(CustomerFigures.netCents(state)).isEqualTo(3_200);
    }

    @Test
    void fullRefundOfOneOfTwoSameDayOrdersKeepsTheDay() {
        ledger.apply(state, purchase("a", 0, 1_000));
        ledger.apply(state, purchase("b", 3, 2_000));
        ledger.apply(state, purchase("c", 3, 500));
        ledger.apply(state, refund("r", "c", 4, 500));

        assertThat(state.getPurchaseDays()).containsExactly(DAY0, 3);
        assertThat(CustomerFigures.meanRepeatValueCents(state)).isEqualTo(2_000.0);
    }

    @Test
    void refundBeyondTheRemainderIsRejectedWithoutTouchingTheState() {
        ledger.apply(state, purchase("a", 0, 1_000));
        ledger.apply(state, refund("r1", "a", 1, 600));
        final byte[] before = bytes(state);

        assertThatThrownBy(() -> ledger.apply(state, refund("r2", "a", 2, 401)))
            .isInstanceOfSatisfying(InvalidEventException.class,
                e -> assertThat(e.code()).isEqualTo(InvalidEventException.Code.REFUND_EXCEEDS_ORDER));
        assertThat(bytes(state)).isEqualTo(before);
    }

    @Test
    void aRefundBeforeItsPurchaseIsHeldAndAppliedWhenTheOrderArrives() {
        ledger.apply(state, purchase("a", 0, 1_000));
        assertThat(ledger.apply(state, refund("r1", "b", 40, 300)).note()).contains("until the order arrives");
        ledger.apply(state, refund("r2", "b", 41, 200));
        assertThat(CustomerFigures.netCents(state)).isEqualTo(500);
        assertThat(state.getOrders()).isEqualTo(1);

        final CustomerLedger.Outcome outcome = ledger.apply(state, purchase("b", 35, 500));

        assertThat(outcome.note()).contains("arrived after its full refund");
        assertThat(state.getOrders()).isEqualTo(1);
        assertThat(PurchaseDays.decode(state.getPurchaseDays())).containsExactly(DAY0);
        assertThat(CustomerFigures.netCents(state)).isEqualTo(1_000);
        assertThat(ledger.apply(state, purchase("b", 35, 500)).changed()).as("now a duplicate").isFalse();
    }

    @Test
    void figuresDoNotDependOnWhetherRefundsArriveBeforeOrAfterTheirPurchases() {
        final SplittableRandom random = new SplittableRandom(7);
        for (int customer = 0; customer < 300; customer++) {
            final List<CustomerEvent> events = new ArrayList<>();
            final int orders = 1 + random.nextInt(8);
            for (int o = 0; o < orders; o++) {
                final int day = random.nextInt(60);
                final long cents = 100 * (1 + random.nextInt(50));
                events.add(purchase("o" + o, day, cents));
                long left = cents;
                for (int r = 0; r < random.nextInt(3) && left > 0; r++) {
                    final long part = random.nextBoolean() ? left : 1 + random.nextLong(left);
                    events.add(refund("r" + o + "-" + r, "o" + o, day + random.nextInt(25), part));
                    left -= part;
                }
            }
            final List<CustomerEvent> inTime = new ArrayList<>(events);
            inTime.sort(Comparator.comparingLong(CustomerEvent::getOccurredAt));
            final List<CustomerEvent> shuffled = new ArrayList<>(events);
            Collections.shuffle(shuffled, new Random(random.nextLong()));

            assertThat(figures(shuffled)).as("customer %d, arrival %s", customer, shuffled).isEqualTo(figures(inTime));
        }
    }

    /** What the published figures are made of, after applying {@code events} in the given order. */
    private List<Object> figures(List<CustomerEvent> events) {
        final CustomerState s = CustomerLedger.empty();
        events.forEach(e -> ledger.apply(s, e));
        final long asOf = T0.plus(Duration.ofDays(100)).toEpochMilli();
        return List.of(s.getOrders(), s.getGrossCents(), s.getKeptCents(), s.getRefundedCents(),
            CustomerFigures.netCents(s), PurchaseDays.decode(s.getPurchaseDays()), s.getFirstDayCents(),
            String.valueOf(CustomerFigures.meanRepeatValueCents(s)), CustomerFigures.repeatTransactions(s),
            String.valueOf(s.getFirstPurchaseAt()), String.valueOf(s.getLastPurchaseAt()), s.getLatestEventAt(),
            MonthlySpend.last12Months(s, asOf), MonthlySpend.last12Months(s, T0.plus(Duration.ofDays(400)).toEpochMilli()));
    }

    @Test
    void duplicatesAreRecognisedInsideTheWindowOnly() {
        final CustomerLedger shortWindow = new CustomerLedger(
            CustomerTopologyConfig.from(Map.of(CustomerTopologyConfig.REFUND_WINDOW_DAYS, "30")));
        assertThat(shortWindow.apply(state, purchase("a", 0, 100)).changed()).isTrue();
        assertThat(shortWindow.apply(state, purchase("a", 0, 100)).changed()).isFalse();
        shortWindow.apply(state, purchase("b", 31, 100));
        assertThat(WindowEntries.read(state.getOrderWindow(), CustomerLedger.ORDER_FIGURES).size()).isEqualTo(1);
        assertThat(shortWindow.apply(state, refund("r", "b", 32, 10)).changed()).isTrue();
        assertThat(shortWindow.apply(state, refund("r", "b", 32, 10)).changed()).isFalse();
    }

    @Test
    void rollingSpendLeavesTheWindowMonthByMonth() {
        ledger.apply(state, purchase("a", 0, 10_000));   // March 2025
        ledger.apply(state, purchase("b", 62, 5_000));   // May 2025
        ledger.apply(state, refund("r", "a", 70, 2_000)); // back to March

        assertThat(MonthlySpend.last12Months(state, T0.plus(Duration.ofDays(70)).toEpochMilli())).isEqualTo(13_000);
        assertThat(MonthlySpend.last12Months(state, Instant.parse("2026-03-01T00:00:00Z").toEpochMilli())).isEqualTo(5_000);
        assertThat(MonthlySpend.last12Months(state, Instant.parse("2026-05-01T00:00:00Z").toEpochMilli())).isZero();
        assertThat(MonthlySpend.nextRollOff(state, T0.toEpochMilli()))
            .isEqualTo(Instant.parse("2026-03-01T00:00:00Z").toEpochMilli());
        assertThat(MonthlySpend.nextRollOff(state, Instant.parse("2026-03-05T00:00:00Z").toEpochMilli()))
            .isEqualTo(Instant.parse("2026-05-01T00:00:00Z").toEpochMilli());
    }

    @Test
    void typicalCustomerStateStaysSmall() {
        // A year's customer: signup with CAC, 8 orders with UUID ids, one partial refund, a tier and a due time.
        final CustomerEngine engine = new CustomerEngine(CustomerTopologyConfig.defaults());
        engine.onEvent("c", state, CustomerEvent.newBuilder().setType(CustomerEventType.SIGNUP).setCustomerId("c")
            .setEventId("c").setOccurredAt(T0.toEpochMilli()).setAmountCents(4_000L).setSegment("retail")
            .setAcquisitionChannel("paid-search").setOrigin(ORIGIN).build());
        String first = null;
        for (int i = 0; i < 8; i++) {
            final String id = UUID.randomUUID().toString();
            first = first == null ? id : first;
            engine.onEvent("c", state, purchase(id, i * 45, 8_999 + i * 1_234));
        }
        engine.onEvent("c", state, refund(UUID.randomUUID().toString(), first, 300, 1_500));

        final int size = bytes(state).length;
        System.out.println("Typical customer state: " + size + " bytes");
        assertThat(state.getTier()).isEqualTo("silver");
        assertThat(state.getDueAt()).isNotNull();
        assertThat(size).isLessThanOrEqualTo(300);
    }

    static byte[] bytes(CustomerState state) {
        return new InternalAvroSerde<>(CustomerState.class).serialize("", state);
    }
}
