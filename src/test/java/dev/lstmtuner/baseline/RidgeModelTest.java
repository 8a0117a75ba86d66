package dev.lstmtuner.baseline;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RidgeModelTest {
    @Test
    void recoversAKnownLinearRelationAndItsIntercept() {
        int n = 400, per = 5;
        Random r = new Random(3);
        float[] x = new float[n * per], y = new float[n];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < per; j++) x[k * per + j] = (float) r.nextGaussian();
            y[k] = (float) (2 * x[k * per] - 0.5 * x[k * per + 3] + 0.25);
        }
        RidgeModel m = RidgeModel.fit(x, y, n, per, 0);
        assertThat(m.weights()[0]).isCloseTo(2, within(1e-4));
        assertThat(m.weights()[3]).isCloseTo(-0.5, within(1e-4));
        assertThat(m.weights()[1]).isCloseTo(0, within(1e-4));
        assertThat(m.intercept()).isCloseTo(0.25, within(1e-4));
        assertThat(m.numParams()).isEqualTo(per + 1);
    }

    @Test
    void aLargerPenaltyShrinksTheWeightsAndCollinearColumnsStaySolvable() {
        int n = 200, per = 3;
        Random r = new Random(5);
        float[] x = new float[n * per], y = new float[n];
        for (int k = 0; k < n; k++) {
            x[k * per] = (float) r.nextGaussian();
            x[k * per + 1] = x[k * per];             // an exact copy: XᵀX is singular without a penalty
            x[k * per + 2] = (float) r.nextGaussian();
            y[k] = x[k * per] + (float) (0.1 * r.nextGaussian());
        }
        RidgeModel free = RidgeModel.fit(x, y, n, per, 0), shrunk = RidgeModel.fit(x, y, n, per, 0.5);
        assertThat(free.weights()[0] + free.weights()[1]).isCloseTo(1, within(0.05));
        assertThat(Math.abs(shrunk.weights()[0]) + Math.abs(shrunk.weights()[1]))
                .isLessThan(Math.abs(free.weights()[0]) + Math.abs(free.weights()[1]));
    }
}
