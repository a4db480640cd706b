package io.clvstream.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FormulaClvTest {

    @Test
    void designSeedsHoldExactly() {
        assertThat(FormulaClv.formulaClv(500, 3, 5)).isEqualTo(7_500.0);
        assertThat(FormulaClv.formulaClv(5_000, 4, 8)).isEqualTo(160_000.0);
        assertThat(FormulaClv.formulaClv(800, 5, 3)).isEqualTo(12_000.0);
        assertThat(FormulaClv.formulaClv(500, 3, 5, 1.0)).isEqualTo(7_500.0);
    }

    @Test
    void netClvAndLtvToCacForTheFirstSeed() {
        double clv = FormulaClv.formulaClv(500, 3, 5);
        assertThat(FormulaClv.netClv(clv, 2_500)).isEqualTo(5_000.0);
        assertThat(FormulaClv.ltvToCac(clv, 2_500)).isEqualTo(3.0);
        assertThatThrownBy(() -> FormulaClv.ltvToCac(clv, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void averageOrderValueAndMargin() {
        assertThat(FormulaClv.averageOrderValue(1_500, 3)).isEqualTo(500.0);
        assertThat(FormulaClv.grossMarginRatio(300, 1_200)).isEqualTo(0.25);
        assertThat(FormulaClv.formulaClv(500, 3, 5, 0.25)).isEqualTo(1_875.0);
    }

    @Test
    void lifespanFromChurn() {
        assertThat(FormulaClv.lifespanFromAnnualChurn(0.2)).isEqualTo(5.0);
        assertThatThrownBy(() -> FormulaClv.lifespanFromAnnualChurn(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onePurchaseYesterdayDoesNotProject365PerYear() {
        double yesterday = 1.0 / 365;
        double raw = 1 / yesterday;
        double shrunk = FormulaClv.shrunkPurchaseFrequency(1, yesterday, 3.0, 1.0);
        assertThat(raw).isEqualTo(365.0, within(1e-9));
        // (1 + 1·3) / (1/365 + 1) = 4 · 365/366
        assertThat(shrunk).isCloseTo(4.0 * 365 / 366, within(1e-12));
    }

    @Test
    void longHistoryDominatesThePrior() {
        // 40 orders in 10 years against a prior of 3/yr with k = 1: (40 + 3) / 11
        assertThat(FormulaClv.shrunkPurchaseFrequency(40, 10, 3, 1)).isCloseTo(43.0 / 11, within(1e-12));
        // without shrinkage it is the raw rate
        assertThat(FormulaClv.shrunkPurchaseFrequency(40, 10, 3, 0)).isEqualTo(4.0);
        // credibility-weighted form equals the closed form
        double w = 10.0 / 11;
        assertThat(FormulaClv.shrunkPurchaseFrequency(40, 10, 3, 1)).isCloseTo(w * 4 + (1 - w) * 3, within(1e-12));
    }
}
