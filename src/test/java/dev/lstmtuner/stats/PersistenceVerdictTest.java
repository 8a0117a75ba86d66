package dev.lstmtuner.stats;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class PersistenceVerdictTest {

    @Test
    void aPositiveSkillWithoutASignificantTestIsNoBetterThanPersistence() {
        PersistenceVerdict v = PersistenceVerdict.of(1.6e-4, 0.79);
        assertThat(v.kind()).isEqualTo(PersistenceVerdict.Kind.NO_BETTER);
        assertThat(v.words()).isEqualTo("no better than persistence (p = 0.790)");
    }

    @Test
    void onlyASignificantTestBeatsOrLosesAndTheSkillSignSaysWhich() {
        assertThat(PersistenceVerdict.of(0.03, 0.01).words()).isEqualTo("beats persistence (p = 0.0100)");
        assertThat(PersistenceVerdict.of(-0.03, 0.0001).words()).isEqualTo("worse than persistence (p < 0.001)");
        assertThat(PersistenceVerdict.of(0.03, null).kind()).isEqualTo(PersistenceVerdict.Kind.UNTESTED);
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
        DieboldMariano.Result dm = PersistenceVerdict.test(model, naive, 1);
        assertThat(PersistenceVerdict.of(skill, dm.pValue()).kind()).isEqualTo(PersistenceVerdict.Kind.NO_BETTER);
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
        DieboldMariano.Result dm = PersistenceVerdict.test(model, naive, 1);
        assertThat(PersistenceVerdict.of(0.4, dm.pValue()).kind()).isEqualTo(PersistenceVerdict.Kind.BEATS);
    }
}
