package io.clvstream.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clvstream.avro.internal.CustomerEvent;
import io.clvstream.avro.internal.CustomerEventType;
import io.clvstream.avro.internal.CustomerState;
import io.clvstream.avro.internal.EventOrigin;
import io.clvstream.avro.internal.SegmentMember;
import io.clvstream.customer.CustomerEngine;
import io.clvstream.customer.CustomerLedger;
import io.clvstream.customer.CustomerTopologyConfig;
import io.clvstream.customer.StateFormatV1;
import io.clvstream.serde.InternalAvroSerde;
import io.clvstream.serde.LegacyFormat;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A {@code customer-state} value written by the previous version (format 1, the refund window as arrays of records)
 * must read as the state this version builds from the same events, so an upgrade keeps every customer's refund
 * window: purchases still deduplicate and refunds still find their orders.
 */
class CustomerStateMigrationTest {

    private static final Instant START = Instant.parse("2025-01-06T10:00:00Z");
    private static final EventOrigin ORIGIN = new EventOrigin("t", 0, 0L, null, null);

    private final CustomerEngine engine = new CustomerEngine(CustomerTopologyConfig.defaults());
    private final InternalAvroSerde<CustomerState> serde = CustomerStateFormat.serde(Map.of());

    @Test
    void aFormatOneStateReadsAsTheStateTheseEventsBuildNow() throws IOException {
        final byte[] v1 = formatOneState();
        assertThat(v1[0]).isEqualTo((byte) 1);

        final CustomerState migrated = serde.deserialize("t", v1);

        assertThat(migrated).isEqualTo(replayed());
        final byte[] v2 = serde.serialize("t", migrated);
        assertThat(v2[0]).isEqualTo((byte) 2);
        assertThat(v2.length).isLessThan(v1.length);
        assertThat(serde.deserialize("t", v2)).isEqualTo(migrated);
    }

    @Test
    void theMigratedWindowStillRecognisesDuplicatesAndFindsRefundedOrders() throws IOException {
        final CustomerState migrated = serde.deserialize("t", formatOneState());

        assertThat(engine.onEvent("c", migrated, event(CustomerEventType.PURCHASE, "o5", null, 150, 3_000)).changed()).isFalse();
        assertThat(engine.onEvent("c", migrated, event(CustomerEventType.REFUND, "r2", "o99", 332, 700)).changed()).isFalse();
        engine.onEvent("c", migrated, event(CustomerEventType.REFUND, "r4", "o12", 335, 1_999));
        // o12 refunded in full leaves the kept orders; the awaited o99 arriving now takes its held 7.00.
        engine.onEvent("c", migrated, event(CustomerEventType.PURCHASE, "o99", null, 336, 2_000));

        assertThat(migrated.getOrders()).isEqualTo(12 - 1 + 1);
        assertThat(migrated.getKeptCents()).isEqualTo(35_099 - 1_999 + 2_000);
        assertThat(migrated.getRefundedCents()).isEqualTo(4_700 + 1_999);
    }

    @Test
    void forARollingUpgradeTheStateIsWrittenInFormatOneAsThePreviousVersionWroteIt() throws IOException {
        final byte[] v1 = formatOneState();
        final InternalAvroSerde<CustomerState> firstPass = CustomerStateFormat.serde(Map.of(CustomerStateFormat.WRITE_FORMAT, "1"));

        assertThat(firstPass.serialize("t", serde.deserialize("t", v1))).isEqualTo(v1);
        assertThat(firstPass.serialize("t", replayed())).isEqualTo(v1);
        assertThat(firstPass.deserialize("t", serde.serialize("t", replayed()))).isEqualTo(replayed());
        // Blank is unset, as for every setting: format 2 again after the second pass.
        assertThat(CustomerStateFormat.serde(Map.of(CustomerStateFormat.WRITE_FORMAT, " ")).serialize("t", replayed())[0])
            .isEqualTo((byte) 2);
    }

    @Test
    void aWriteFormatOtherThanOneOrTwoAndAMissingWriterSchemaAreRefusedWhenTheSerdeIsBuilt() {
        assertThatThrownBy(() -> CustomerStateFormat.serde(Map.of(CustomerStateFormat.WRITE_FORMAT, "3")))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("clv.state.write-format must be 1 or 2, not '3'");
        assertThatThrownBy(() -> LegacyFormat.of(CustomerState.class, "schemas/legacy/none.avsc",
                StateFormatV1::carryWindows, StateFormatV1::unpackWindows))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("missing from the classpath");
    }

    /**
     * Written by {@code InternalAvroSerde} at commit 8b66f8f (format 1) for the events of {@link #replayed()}: a year
     * of monthly orders o0..o11 with o11 refunded in part (r), a refund r2 of an order o99 not seen yet, o10 refunded
     * in full (r3), a purchase o12, and the segment member the customer processor had set.
     */
    private static byte[] formatOneState() throws IOException {
        try (InputStream in = CustomerStateMigrationTest.class.getResourceAsStream(
                "/io/clvstream/customer/year-old-customer-v1.bin")) {
            return in.readAllBytes();
        }
    }

    private CustomerState replayed() {
        final CustomerState state = CustomerLedger.empty();
        engine.onEvent("c", state, event(CustomerEventType.SIGNUP, "s", null, 0, 4_200));
        for (int month = 0; month < 12; month++) {
            engine.onEvent("c", state, event(CustomerEventType.PURCHASE, "o" + month, null, month * 30, 2_500 + 100 * month));
        }
        engine.onEvent("c", state, event(CustomerEventType.REFUND, "r", "o11", 331, 500));
        engine.onEvent("c", state, event(CustomerEventType.REFUND, "r2", "o99", 332, 700));
        engine.onEvent("c", state, event(CustomerEventType.REFUND, "r3", "o10", 333, 3_500));
        engine.onEvent("c", state, event(CustomerEventType.PURCHASE, "o12", null, 334, 1_999));
        state.setSegmentMember(new SegmentMember("retail", 12, true, 30_399L, 30_399L, 41_000L, null, 4_200L,
            1_736_157_600L, 20_428, false, 1_765_015_200_000L));
        return state;
    }

    private static CustomerEvent event(CustomerEventType type, String id, String orderId, int day, long cents) {
        final boolean signup = type == CustomerEventType.SIGNUP;
        return CustomerEvent.newBuilder().setType(type).setCustomerId("c").setEventId(id).setOrderId(orderId)
            .setOccurredAt(START.plus(Duration.ofDays(day)).toEpochMilli()).setAmountCents(cents)
            .setAcquisitionChannel(signup ? "paid-search" : null).setSegment(signup ? "retail" : null)
            .setOrigin(ORIGIN).build();
    }
}
