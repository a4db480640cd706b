package io.clvstream.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.clvstream.avro.CustomerValue;
import io.clvstream.avro.ModelParams;
import io.clvstream.model.BgNbdParams;
import io.clvstream.model.BtydSimulator;
import io.clvstream.model.GammaGammaParams;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Live refit through the real topology: customer tasks publish their samples every summary interval, the single
 * fitter fits and publishes ModelParams, the global store picks them up and the next CustomerValue uses them.
 * Customers are simulated from known BG/NBD and Gamma-Gamma parameters (in days).
 */
class RefitPipelineTest {

    static final Instant END = Instant.parse("2025-01-01T00:00:00Z");
    static final BgNbdParams TRUE_BGNBD = new BgNbdParams(0.8, 20.0, 0.6, 3.0);
    static final GammaGammaParams TRUE_SPEND = new GammaGammaParams(6.0, 4.0, 15.0);

    /** Pipes {@code customers} simulated customers aged 200..400 days at END; returns how many made a repeat purchase. */
    static int simulate(TopologyFixture f, int customers, long seed) {
        final BtydSimulator simulator = new BtydSimulator(TRUE_BGNBD, TRUE_SPEND, seed);
        int repeaters = 0;
        for (int c = 0; c < customers; c++) {
            final int ageDays = 200 + c % 201;
            final BtydSimulator.SimulatedCustomer sim = simulator.next(ageDays);
            final Instant first = END.minus(Duration.ofDays(ageDays));
            for (int i = 0; i < sim.purchaseTimes().length; i++) {
                final Instant at = first.plus(Duration.ofDays((long) Math.floor(sim.purchaseTimes()[i])));
                f.buy("c-" + c, "o-" + c + "-" + i, at, String.format(java.util.Locale.ROOT, "%.2f", sim.spends()[i] + 0.01));
            }
            if (f.state("c-" + c).getPurchaseDays().size() > 1) {
                repeaters++;
            }
        }
        return repeaters;
    }

    static TestOutputTopic<String, ModelParams> params(TopologyFixture f) {
        return f.driver.createOutputTopic(f.topics.modelParams(), new StringDeserializer(),
            f.serdes.modelParams().deserializer());
    }

    @Test
    void summariesAreFittedPublishedAndUsedForScoring() {
        try (TopologyFixture f = new TopologyFixture(END, Map.of("clv.model.min-customers", "100",
            "clv.model.summary-interval", "PT1M", "clv.model.refit-interval", "PT10M"))) {
            final TestOutputTopic<String, ModelParams> published = params(f);
            final int repeaters = simulate(f, 400, 11);
            assertThat(f.lastValue().getModelPrior()).isTrue();
            assertThat(published.isEmpty()).isTrue();

            f.driver.advanceWallClockTime(Duration.ofMinutes(1));

            final List<ModelParams> fits = published.readValuesToList();
            assertThat(fits).hasSize(1);
            final ModelParams fit = fits.get(0);
            assertThat(fit.getVersion()).isEqualTo(1);
            assertThat(fit.getCustomers()).isEqualTo(400);
            assertThat(fit.getGammaGamma().getCustomers()).isEqualTo(repeaters);
            assertThat(fit.getTimeUnit()).isEqualTo("DAYS");
            assertThat(fit.getConverged()).isTrue();
            assertThat(fit.getFittedAt()).isEqualTo(END.plus(Duration.ofMinutes(1)));
            // 400 customers: loose recovery of the simulated parameters (their standard errors are wide).
            assertThat(fit.getBgnbd().getR()).isCloseTo(TRUE_BGNBD.r(), within(0.4));
            assertThat(fit.getBgnbd().getAlpha() / fit.getBgnbd().getR())
                .isCloseTo(TRUE_BGNBD.alpha() / TRUE_BGNBD.r(), within(15.0));

            f.buy("c-0", "o-new", END.plus(Duration.ofHours(1)), "30.00");
            final CustomerValue scored = f.lastValue();
            assertThat(scored.getModelVersion()).isEqualTo(1L);
            assertThat(scored.getModelPrior()).isFalse();

            // Within the refit interval new summaries are kept but not fitted; after it, version 2 (warm start).
            f.driver.advanceWallClockTime(Duration.ofMinutes(5));
            assertThat(published.isEmpty()).isTrue();
            f.driver.advanceWallClockTime(Duration.ofMinutes(5));
            assertThat(published.readValue().getVersion()).isEqualTo(2);
            f.buy("c-1", "o-new", END.plus(Duration.ofHours(2)), "30.00");
            assertThat(f.lastValue().getModelVersion()).isEqualTo(2L);
        }
    }

    @Test
    void tooFewCustomersOrAFailedFitPublishNothing() {
        try (TopologyFixture f = new TopologyFixture(END, Map.of("clv.model.min-customers", "20",
            "clv.model.summary-interval", "PT1M"))) {
            final TestOutputTopic<String, ModelParams> published = params(f);
            for (int c = 0; c < 19; c++) {
                f.buy("c-" + c, "o-" + c, END.minus(Duration.ofDays(c + 1)), "10.00");
            }
            f.driver.advanceWallClockTime(Duration.ofMinutes(1));
            assertThat(published.isEmpty()).isTrue();
            // Enough customers, but nobody bought twice: BG/NBD is not identified and nothing is published.
            f.buy("c-19", "o-19", END.minus(Duration.ofDays(30)), "10.00");
            f.driver.advanceWallClockTime(Duration.ofMinutes(1));
            assertThat(published.isEmpty()).isTrue();
            f.buy("c-20", "o-20", END, "10.00");
            assertThat(f.lastValue().getModelPrior()).isTrue();
        }
    }

    @Test
    void aFitRejectedAgainAndAgainIsWarnedOnce() {
        final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        final Logger fitter = context.getLogger(ModelFitter.class);
        final ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.setContext(context);
        logs.start();
        fitter.addAppender(logs);
        try (TopologyFixture f = new TopologyFixture(END, Map.of("clv.model.min-customers", "20",
            "clv.model.summary-interval", "PT1M", "clv.model.refit-interval", "PT1M"))) {
            // Nobody buys twice: BG/NBD is not identified, and every refit interval brings another rejected fit.
            for (int c = 0; c < 25; c++) {
                f.buy("c-" + c, "o-" + c, END.minus(Duration.ofDays(c + 1)), "10.00");
            }
            for (int minute = 0; minute < 4; minute++) {
                f.driver.advanceWallClockTime(Duration.ofMinutes(1));
            }
            assertThat(params(f).isEmpty()).isTrue();
        } finally {
            fitter.detachAppender(logs);
        }
        final List<ILoggingEvent> rejections = logs.list.stream()
            .filter(e -> e.getFormattedMessage().startsWith("Model fit on")).toList();
        assertThat(rejections.stream().filter(e -> e.getLevel() == Level.WARN)).hasSize(1);
        assertThat(rejections.get(0).getFormattedMessage()).contains("rejected, not published")
            .contains("further rejections before a fit is published are logged at DEBUG");
        // The later attempts happened (logged at DEBUG where that level is on); at INFO they leave no line.
        assertThat(rejections).allMatch(e -> e.getLevel() == Level.WARN || e.getLevel() == Level.DEBUG);
    }

    @Test
    void aSampleSmallerThanThePopulationEstimatesItsSize() {
        try (TopologyFixture f = new TopologyFixture(END, Map.of("clv.model.min-customers", "100",
            "clv.model.summary-interval", "PT1M", "clv.model.summary.sample-size", "100"))) {
            final TestOutputTopic<String, ModelParams> published = params(f);
            simulate(f, 500, 5);
            f.driver.advanceWallClockTime(Duration.ofMinutes(1));
            // Bottom-k estimate: relative standard error about 1/sqrt(100) = 10 %; 3 standard errors allowed.
            assertThat((double) published.readValue().getCustomers()).isCloseTo(500, within(150.0));
            final RfmSample sample = new RfmSample(100);
            sample.init(f.driver.getKeyValueStore(ClvTopology.CUSTOMER_STATE_STORE));
            assertThat(sample.summary(0, END.toEpochMilli()).getEntries()).hasSize(100);
        }
    }
}
