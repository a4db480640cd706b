package io.clvstream.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MoneyTest {

    /** The definition the direct route must agree with: half-even from the shortest decimal form. */
    private static long decimalCents(double amount) {
        return BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
    }

    @Test
    void halfCentTiesRoundToEvenAsTheirDecimalFormSays() {
        assertThat(Money.toCents(0.125)).isEqualTo(12);
        assertThat(Money.toCents(0.135)).isEqualTo(14);
        assertThat(Money.toCents(1.005)).isEqualTo(100);
        assertThat(Money.toCents(2.675)).isEqualTo(268);
        assertThat(Money.toCents(-2.675)).isEqualTo(-268);
        assertThat(Money.toDecimal(1234.5649)).isEqualByComparingTo("1234.56");
        assertThat(Money.toDecimal(19.999)).isEqualTo(new BigDecimal("20.00"));
    }

    @Test
    void agreesWithTheDecimalRouteOnRandomAmountsAndNearHalfCents() {
        final SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            final double magnitude = Math.pow(10, random.nextInt(-3, 9));
            final double amount = (random.nextDouble() - 0.3) * magnitude;
            assertThat(Money.toCents(amount)).as("%s", amount).isEqualTo(decimalCents(amount));
            // A half cent written in decimal, and the doubles on either side of it.
            final double tie = (Math.floor(amount * 100) + 0.5) / 100;
            for (final double near : new double[] {tie, Math.nextUp(tie), Math.nextDown(tie)}) {
                assertThat(Money.toCents(near)).as("%s", near).isEqualTo(decimalCents(near));
            }
        }
    }
}
