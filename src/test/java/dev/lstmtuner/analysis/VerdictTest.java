package dev.lstmtuner.analysis;

import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.ForecastMetrics;
import dev.lstmtuner.stats.DieboldMariano;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictTest {
    private static final Verdict.Baseline P = Verdict.Baseline.PERSISTENCE;

    @Test
    void aPositiveSkillWithoutASignificantTestIsNoBetterThanPersistence() {
        Verdict v = Verdict.of(P, 1.6e-4, 0.79);
        assertThat(v.kind()).isEqualTo(Verdict.Kind.NO_BETTER);
        assertThat(v.words()).isEqualTo("no better than persistence (p = 0.790)");
    }

    @Test
    void onlyASignificantTestBeatsOrLosesAndTheSkillSignSaysWhich() {
        assertThat(Verdict.of(P, 0.03, 0.01).words()).isEqualTo("beats persistence (p = 0.0100)");
        assertThat(Verdict.of(P, -0.03, 0.0001).words()).isEqualTo("worse than persistence (p < 0.001)");
        assertThat(Verdict.of(P, 0.03, null).kind()).isEqualTo(Verdict.Kind.UNTESTED);
    }

    @Test
    void theRidgeVerdictUsesTheSameRuleOnTheModelsRmseAgainstTheRidgeRmse() {
        ForecastMetrics model = new ForecastMetrics(1, 90, 1, 0, 0.5), naive = new ForecastMetrics(1, 100, 1, 0, 0.5);
        FinalMetrics m = new FinalMetrics(model, naive, 0.1, 1, 10, 2, 2, 0.1, 100, 2.5, 0.01, List.of(), 95.0, 0.02);
        assertThat(Verdict.ridge(m).words()).isEqualTo("beats the ridge baseline (p = 0.0200)");
        FinalMetrics worse = new FinalMetrics(model, naive, 0.1, 1, 10, 2, 2, 0.1, 100, 2.5, 0.01, List.of(), 80.0, 0.001);
        assertThat(Verdict.ridge(worse).kind()).isEqualTo(Verdict.Kind.WORSE);
        FinalMetrics old = new FinalMetrics(model, naive, 0.1, 1, 10, 2, 2, 0.1, 100, 2.5, 0.01, List.of());
        assertThat(Verdict.ridge(old).kind()).isEqualTo(Verdict.Kind.UNTESTED);
        assertThat(Verdict.persistence(old).predicate()).isEqualTo("beats persistence (p = 0.0100)");
    }

    @Test
    void forecastsThatBarelyMoveFromTheLastCloseAreNotCalledAWin() {
        // a random walk: the "model" nudges persistence by a tiny constant, so its RMSE differs by noise only
        Random r = new Random(3);
        int n = 1300;
        double[] model = new double[n], naive = new double[n];
        double sumM = 0, sumN = 0;
        for (int k = 0; k < n; k++) {
            double move = r.nextGaussian() * 388;
            naive[k] = -move;
            model[k] = -move + 12 * Math.signum(r.nextGaussian());
            sumM += model[k] * model[k];
            sumN += naive[k] * naive[k];
        }
        double skill = 1 - Math.sqrt(sumM / sumN);
        DieboldMariano.Result dm = DieboldMariano.test(model, naive, 1);
        assertThat(Verdict.of(P, skill, dm.pValue()).kind()).isEqualTo(Verdict.Kind.NO_BETTER);
    }

    @Test
    void aForecastThatReallyTracksTheMoveBeatsPersistence() {
        Random r = new Random(5);
        int n = 500;
        double[] model = new double[n], naive = new double[n];
        for (int k = 0; k < n; k++) {
            double move = r.nextGaussian() * 100;
            naive[k] = -move;
            model[k] = -0.5 * move + r.nextGaussian() * 10;
        }
        DieboldMariano.Result dm = DieboldMariano.test(model, naive, 1);
        assertThat(Verdict.of(P, 0.4, dm.pValue()).kind()).isEqualTo(Verdict.Kind.BEATS);
    }
}
