package dev.lstmtuner.model;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.withinPercentage;

/** The float gate maths against {@link Math}'s double functions: the approximation's error bound, its edges, NaN. */
class FloatLoopsTest {
    private static final double TANH_BOUND = 4e-7;

    @Test
    void tanhStaysWithinItsBoundOfMathTanhOverTheWholeRange() {
        double worst = 0;
        for (int i = -2_000_000; i <= 2_000_000; i++) {
            float x = i * 1e-5f;   // -20 .. 20 in steps of 1e-5, past the clamp on both sides
            worst = Math.max(worst, Math.abs(FloatLoops.tanh(x) - Math.tanh(x)));
        }
        assertThat(worst).isLessThan(TANH_BOUND);
    }

    @Test
    void tanhIsOddSaturatesAtOneAndIsLinearNearZero() {
        for (float x : new float[]{1e-30f, 1e-8f, 0.25f, 1f, 3f, 7.9f, 50f}) {
            assertThat(FloatLoops.tanh(-x)).isEqualTo(-FloatLoops.tanh(x));
        }
        assertThat(FloatLoops.tanh(0f)).isZero();
        assertThat((double) FloatLoops.tanh(1e-8f)).isCloseTo(1e-8, withinPercentage(1e-4));
        assertThat(Math.abs(FloatLoops.tanh(Float.MAX_VALUE) - 1f)).isLessThan(1e-6f);
        assertThat(Math.abs(FloatLoops.tanh(Float.NEGATIVE_INFINITY) + 1f)).isLessThan(1e-6f);
        assertThat(Math.abs(FloatLoops.tanh(Float.MAX_VALUE))).isLessThanOrEqualTo(1f);
    }

    @Test
    void nanPropagatesSoADivergingRunIsStillCaught() {
        assertThat(FloatLoops.tanh(Float.NaN)).isNaN();
        float[] z = {Float.NaN, 0f};
        FloatLoops.activate(FloatLoops.SIGMOID, z, new float[]{0f, 0f}, 2);
        assertThat(z[0]).isNaN();
        assertThat(z[1]).isEqualTo(0.5f);
    }

    @Test
    void sigmoidViaTanhMatchesTheLogisticFunction() {
        Random r = new Random(3);
        float[] z = new float[100_000];
        float[] b = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) (r.nextGaussian() * 6);
            b[i] = (float) r.nextGaussian();
        }
        float[] x = z.clone();
        FloatLoops.activate(FloatLoops.SIGMOID, z, b, z.length);
        for (int i = 0; i < z.length; i++) {
            double v = (double) x[i] + b[i];
            assertThat((double) z[i]).isCloseTo(1 / (1 + Math.exp(-v)), offset(3e-7));
        }
    }

    @Test
    void applyAndActivateAgreeWithTheScalarFunctionForEveryKind() {
        Random r = new Random(5);
        int len = 1037;   // not a multiple of any vector width, so the loops' tails run too
        float[] x = new float[len];
        for (int i = 0; i < len; i++) x[i] = (float) (r.nextGaussian() * 4);
        for (int kind : new int[]{FloatLoops.TANH, FloatLoops.SIGMOID, FloatLoops.IDENTITY}) {
            float[] y = new float[len];
            FloatLoops.apply(kind, y, x, len);
            float[] z = x.clone();
            FloatLoops.activate(kind, z, new float[len], len);
            for (int i = 0; i < len; i++) {
                float expected = switch (kind) {
                    case FloatLoops.TANH -> FloatLoops.tanh(x[i]);
                    case FloatLoops.SIGMOID -> 0.5f + 0.5f * FloatLoops.tanh(0.5f * x[i]);
                    default -> x[i];
                };
                assertThat(y[i]).isEqualTo(expected);
                assertThat(z[i]).isEqualTo(expected);
            }
        }
    }

    @Test
    void derivativesInTermsOfTheOutputMatchTheAnalyticOnes() {
        float[] x = {-3f, -0.5f, 0f, 0.7f, 2.5f};
        float[] g = {1f, 2f, -1f, 0.5f, 3f};
        float[] y = new float[x.length];
        float[] d = new float[x.length];
        FloatLoops.apply(FloatLoops.TANH, y, x, x.length);
        FloatLoops.timesDerivative(FloatLoops.TANH, d, g, y, x.length);
        for (int i = 0; i < x.length; i++) {
            double c = Math.cosh(x[i]);
            assertThat((double) d[i]).isCloseTo(g[i] / (c * c), offset(5e-6));
        }
        FloatLoops.apply(FloatLoops.SIGMOID, y, x, x.length);
        FloatLoops.timesDerivative(FloatLoops.SIGMOID, d, g, y, x.length);
        for (int i = 0; i < x.length; i++) {
            double s = 1 / (1 + Math.exp(-x[i]));
            assertThat((double) d[i]).isCloseTo(g[i] * s * (1 - s), offset(5e-6));
        }
    }
}
