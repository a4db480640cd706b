package io.clvstream.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.clvstream.avro.Alert;
import io.clvstream.avro.AlertType;
import io.clvstream.avro.TierChange;
import io.clvstream.avro.TierDirection;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedFormatTest {

    private static final List<String> TIERS = List.of("bronze", "silver", "gold", "platinum");
    private static final FeedFormat PLAIN = new FeedFormat(false, TIERS);
    private static final FeedFormat COLOR = new FeedFormat(true, TIERS);

    private static TierChange upgrade() {
        return TierChange.newBuilder().setCustomerId("00111").setFromTier("gold").setToTier("platinum")
            .setDirection(TierDirection.UP).setQualifyingValue(new BigDecimal("412.50"))
            .setReason("net spend 12m 412.50 >= platinum 400.00").setOccurredAt(Instant.parse("1997-03-02T00:00:00Z"))
            .build();
    }

    @Test
    void tierChangeLineShowsDateArrowMoveAndReason() {
        assertThat(PLAIN.tierChange(upgrade()))
            .isEqualTo("1997-03-02  ↑ 00111       gold     → platinum  net spend 12m 412.50 >= platinum 400.00");
    }

    @Test
    void entryIntoTheLadderAndDowngrades() {
        final TierChange entry = TierChange.newBuilder(upgrade()).setFromTier(null).setToTier("bronze").build();
        final TierChange down = TierChange.newBuilder(upgrade()).setFromTier("gold").setToTier("silver")
            .setDirection(TierDirection.DOWN).setReason("r").build();

        assertThat(PLAIN.tierChange(entry)).contains("↑ 00111       (new)    → bronze  ");
        assertThat(PLAIN.tierChange(down)).contains("↓ 00111       gold     → silver  ");
    }

    @Test
    void alertLine() {
        final Alert alert = Alert.newBuilder().setCustomerId("19339").setType(AlertType.HIGH_VALUE).setValue(1633.2)
            .setThreshold(1500).setReason("formula CLV 1633.20 reached the high-value threshold 1500.00")
            .setOccurredAt(Instant.parse("1997-01-12T00:00:00Z")).build();

        assertThat(PLAIN.alert(alert)).isEqualTo(
            "1997-01-12  ★ 19339       HIGH_VALUE           formula CLV 1633.20 reached the high-value threshold 1500.00");
    }

    @Test
    void tableAlignsColumnsAndShowsMissingFiguresAsDash() {
        final List<String> lines = PLAIN.table("title", List.of(
            new FeedState.Row("19339", 55, new BigDecimal("6463.90"), new BigDecimal("9115.65"), null, "platinum", true),
            new FeedState.Row("a-very-long-customer-id", 1, new BigDecimal("5.00"), null, null, null, false)));

        assertThat(lines).containsExactly(
            "title",
            "   #  customer    orders    net revenue    formula CLV  predicted CLV  tier",
            "   1  19339           55       6,463.90       9,115.65              -  platinum",
            "   2  a-very-lo…       1           5.00              -              -  -");
    }

    @Test
    void plainHasNoEscapeCodesAndColourOnlyAddsThem() {
        final String plain = String.join("\n", PLAIN.table("t", List.of(
            new FeedState.Row("1", 1, BigDecimal.ONE, BigDecimal.TEN, null, "platinum", false)))) + PLAIN.tierChange(upgrade());
        final String colored = String.join("\n", COLOR.table("t", List.of(
            new FeedState.Row("1", 1, BigDecimal.ONE, BigDecimal.TEN, null, "platinum", false)))) + COLOR.tierChange(upgrade());

        assertThat(plain).doesNotContain("\u001b");
        assertThat(colored).contains("\u001b[");
        assertThat(colored.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(plain);
    }

    @Test
    void numbers() {
        assertThat(FeedFormat.money(new BigDecimal("1234567.5"))).isEqualTo("1,234,567.50");
        assertThat(FeedFormat.count(9202)).isEqualTo("9,202");
        assertThat(FeedFormat.number(7.0)).isEqualTo("7");
        assertThat(FeedFormat.number(0.5)).isEqualTo("0.5");
    }
}
