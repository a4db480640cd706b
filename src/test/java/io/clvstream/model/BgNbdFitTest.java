package io.clvstream.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hipparchus.special.Beta;
import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BgNbdFitTest {

    private static List<RfmRow> cdnow;
    private static FitResult<BgNbdParams> fit;

    @BeforeAll
    static void fitCdnow() {
        cdnow = Cdnow.rfmRows();
        fit = BgNbd.fit(cdnow);
    }

    @Test
    void summaryRebuiltFromTransactionsMatchesThePublishedOne() {
        Map<Integer, Cdnow.Customer> rebuilt = Cdnow.rebuildFromSample();
        List<Cdnow.Customer> published = Cdnow.summary();
        assertThat(rebuilt).hasSize(2357);
        assertThat(published).hasSize(2357);
        int withRepeat = 0;
        for (Cdnow.Customer p : published) {
            Cdnow.Customer r = rebuilt.get(p.id());
            assertThat(r.x()).as("x of %s", p.id()).isEqualTo(p.x());
            assertThat(r.tx()).as("t_x of %s", p.id()).isCloseTo(p.tx(), within(0.005 + 1e-9));
            assertThat(r.T()).as("T of %s", p.id()).isCloseTo(p.T(), within(0.005 + 1e-9));
            assertThat(r.zbar()).as("zbar of %s", p.id()).isCloseTo(p.zbar(), within(0.005 + 1e-9));
            withRepeat += p.x() > 0 ? 1 : 0;
        }
        assertThat(withRepeat).isEqualTo(946);
        assertThat(published.stream().mapToInt(Cdnow.Customer::x).sum()).isEqualTo(2457);
    }

    @Test
    void reproducesThePublishedCdnowFit() {
        assertThat(fit.converged()).as(fit.message()).isTrue();
        BgNbdParams p = fit.params();
        // Fader, Hardie & Lee (2005): r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4
        assertThat(p.r()).isCloseTo(0.243, within(0.0005));
        assertThat(p.alpha()).isCloseTo(4.414, within(0.0005));
        assertThat(p.a()).isCloseTo(0.793, within(0.0005));
        assertThat(p.b()).isCloseTo(2.426, within(0.0005));
        assertThat(fit.logLikelihood()).isCloseTo(-9582.4, within(0.05));
    }

    @Test
    void logLikelihoodMatchesTheBetaFunctionFormOfTheLikelihood() {
        // eq. 6 written with Beta and Gamma functions directly (not logs of sums), per customer
        BgNbdParams p = new BgNbdParams(0.243, 4.414, 0.793, 2.426);
        double total = 0;
        for (RfmRow row : cdnow) {
            int x = row.x();
            double common = Math.exp(Gamma.logGamma(p.r() + x) - Gamma.logGamma(p.r())) * Math.pow(p.alpha(), p.r());
            double survive = Math.exp(Beta.logBeta(p.a(), p.b() + x) - Beta.logBeta(p.a(), p.b()))
                    / Math.pow(p.alpha() + row.T(), p.r() + x);
            double dropped = x == 0 ? 0 : Math.exp(Beta.logBeta(p.a() + 1, p.b() + x - 1) - Beta.logBeta(p.a(), p.b()))
                    / Math.pow(p.alpha() + row.tx(), p.r() + x);
            double individual = Math.log(common * (survive + dropped));
            assertThat(BgNbd.logLikelihood(p, x, row.tx(), row.T())).isCloseTo(individual, within(1e-9));
            total += individual;
        }
        assertThat(BgNbd.logLikelihood(p, cdnow)).isCloseTo(total, within(1e-7));
        assertThat(total).isCloseTo(-9582.4, within(0.1));
    }

    @Test
    void weightedRowsEqualRepeatedRows() {
        List<RfmRow> weighted = List.of(new RfmRow(2, 30.43, 38.86, 3), new RfmRow(0, 0, 38.86, 2));
        List<RfmRow> repeated = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            repeated.add(RfmRow.of(2, 30.43, 38.86));
        }
        repeated.add(RfmRow.of(0, 0, 38.86));
        repeated.add(RfmRow.of(0, 0, 38.86));
        BgNbdParams p = new BgNbdParams(0.243, 4.414, 0.793, 2.426);
        assertThat(BgNbd.logLikelihood(p, weighted)).isCloseTo(BgNbd.logLikelihood(p, repeated), within(1e-10));
    }

    @Test
    void daysAndWeeksAgree() {
        List<RfmRow> days = cdnow.stream().map(r -> r.scaleTime(7)).toList();
        FitResult<BgNbdParams> inDays = BgNbd.fit(days);
        assertThat(inDays.converged()).isTrue();
        BgNbdParams w = fit.params();
        BgNbdParams d = inDays.params();
        assertThat(d.r()).isCloseTo(w.r(), within(2e-4 * w.r()));
        assertThat(d.alpha()).isCloseTo(7 * w.alpha(), within(2e-4 * 7 * w.alpha()));
        assertThat(d.a()).isCloseTo(w.a(), within(2e-4 * w.a()));
        assertThat(d.b()).isCloseTo(w.b(), within(2e-4 * w.b()));
        // the density of t_x picks up the Jacobian 1/7 per repeat purchase
        int sumX = cdnow.stream().mapToInt(RfmRow::x).sum();
        assertThat(inDays.logLikelihood()).isCloseTo(fit.logLikelihood() - sumX * Math.log(7), within(1e-4));
    }

    @Test
    void warmStartConvergesWithNoMoreWork() {
        // refit on the data with one more (typical) customer, as the stream does after new purchases
        List<RfmRow> grown = new ArrayList<>(cdnow);
        grown.add(RfmRow.of(1, 10, 20));
        FitResult<BgNbdParams> cold = BgNbd.fit(grown);
        FitResult<BgNbdParams> warm = BgNbd.fit(grown, fit.params());
        assertThat(cold.converged()).isTrue();
        assertThat(warm.converged()).isTrue();
        assertThat(warm.evaluations()).isLessThanOrEqualTo(cold.evaluations());
        assertThat(warm.logLikelihood()).isCloseTo(cold.logLikelihood(), within(1e-6));
    }

    @Test
    void degenerateInputsReportFailureNotNaN() {
        List<RfmRow> noRepeat = List.of(new RfmRow(0, 0, 10, 100), new RfmRow(0, 0, 30, 50));
        FitResult<BgNbdParams> none = BgNbd.fit(noRepeat);
        assertThat(none.usable()).isFalse();
        assertThat(none.params()).isNull();
        assertThat(none.message()).contains("no repeat purchases");
        assertThat(none.logLikelihood()).isNotNaN();

        FitResult<BgNbdParams> tiny = BgNbd.fit(List.of(RfmRow.of(1, 2, 5)));
        assertThat(tiny.usable()).isFalse();
        assertThat(tiny.message()).contains("too few");

        FitResult<BgNbdParams> empty = BgNbd.fit(List.of());
        assertThat(empty.usable()).isFalse();

        // every customer bought again exactly at the end of observation: the likelihood runs off to a boundary
        List<RfmRow> allSame = List.of(new RfmRow(3, 10, 10, 10));
        FitResult<BgNbdParams> boundary = BgNbd.fit(allSame);
        assertThat(boundary.usable()).isFalse();
        assertThat(boundary.logLikelihood()).isNotNaN();
    }
}
