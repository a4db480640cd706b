package io.clvstream.predict;

import static org.assertj.core.api.Assertions.assertThat;

import io.clvstream.model.BgNbdParams;
import io.clvstream.model.BgNbdScorer;
import io.clvstream.model.RfmRow;
import java.util.List;
import org.junit.jupiter.api.Test;

class PopulationRefitTest {

    private static final List<RfmRow> ROWS = List.of(new RfmRow(3, 20, 40, 5), new RfmRow(0, 0, 30, 12));

    @Test
    void aFitOnTheNoDropoutEdgeIsNotPublishable() {
        // a → 0 with b large, as the demo's first refit on a young population converged (days).
        final BgNbdScorer edge = new BgNbdScorer(new BgNbdParams(0.36, 10.0, 3.5566e-7, 52_634.26));

        assertThat(PopulationRefit.firstScoringFailure(edge, ROWS, PredictConfig.defaults().scoringHorizons(ModelTimeUnit.DAYS)))
            .startsWith("x=0, t_x=0.0, T=30.0: 2F1 series did not converge");
        // The horizon alone is within range: a probe at one z would have let this fit through.
        assertThat(edge.expectedPurchases(365, 0, 0, 30)).isPositive();
    }

    @Test
    void aFitWithinRangeScoresEveryRow() {
        // Fader, Hardie & Lee's CDNOW estimates, in weeks.
        final BgNbdScorer cdnow = new BgNbdScorer(new BgNbdParams(0.243, 4.414, 0.793, 2.426));

        assertThat(PopulationRefit.firstScoringFailure(cdnow, ROWS, PredictConfig.defaults().scoringHorizons(ModelTimeUnit.WEEKS))).isNull();
    }
}
