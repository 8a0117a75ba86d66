package dev.lstmtuner.model;

import org.assertj.core.data.Offset;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training runs the float kernels ({@link LstmFloatSteps}, {@link GruFloatSteps}); the double kernels are the ones
 * checked against finite differences (FastLstmTest, FastGruTest). Here the float gradients are checked against the
 * double ones on the same parameters, inputs and dropout masks (the same seed before each pass: the masks are drawn
 * alike in both types), within 1e-3 relative: stacked, bidirectional, with the layers' own input dropout and with
 * the dropout layers the forecaster puts between them.
 */
class FloatGradientTest {
    private static final int MB = 4;
    private static final int N_IN = 3;
    private static final int STEPS = 9;
    private static final long DROPOUT_SEED = 17;

    private static INDArray gradient(MultiLayerNetwork net, INDArray x, INDArray y) {
        net.setInput(x);
        net.setLabels(y);
        Nd4j.getRandom().setSeed(DROPOUT_SEED);
        net.computeGradientAndScore();
        return net.gradient().gradient().castTo(DataType.DOUBLE).dup();
    }

    /** Float gradients of {@code floatNet} against those of its double twin on double inputs cast to float. */
    private static void assertFloatMatchesDouble(MultiLayerNetwork floatNet, MultiLayerNetwork doubleNet,
                                                 Supplier<long[]> passCounts) {
        assertThat(floatNet.params().dataType()).isEqualTo(DataType.FLOAT);
        assertThat(doubleNet.params().dataType()).isEqualTo(DataType.DOUBLE);
        doubleNet.setParams(floatNet.params().castTo(DataType.DOUBLE));
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.randn(DataType.DOUBLE, MB, N_IN, STEPS);
        INDArray y = Nd4j.randn(DataType.DOUBLE, MB, 1);
        INDArray expected = gradient(doubleNet, x, y);
        long before = passCounts.get()[1];
        INDArray actual = gradient(floatNet, x.castTo(DataType.FLOAT), y.castTo(DataType.FLOAT));
        assertThat(passCounts.get()[1]).as("fast float backward passes").isGreaterThan(before);

        double scale = expected.amaxNumber().doubleValue();
        assertThat(scale).as("gradients that say something").isGreaterThan(1e-4);
        INDArray diff = actual.sub(expected);
        assertThat(diff.norm2Number().doubleValue() / expected.norm2Number().doubleValue())
                .as("relative error of the whole gradient").isLessThan(1e-3);
        // element-wise: 1e-3 relative, with a floor at 1e-4 of the largest element (for the near-zero ones)
        INDArray bound = Nd4j.math().abs(expected).mul(1e-3).add(1e-4 * scale);
        INDArray over = Nd4j.math().abs(diff).sub(bound);
        assertThat(over.maxNumber().doubleValue()).as("element over its bound").isLessThanOrEqualTo(0.0);
        assertThat(floatNet.score()).isCloseTo(doubleNet.score(),
                Offset.offset(1e-5 * Math.max(1, doubleNet.score())));
    }

    private static void assertFloatMatchesDouble(Function<DataType, MultiLayerNetwork> build, Supplier<long[]> counts) {
        assertFloatMatchesDouble(build.apply(DataType.FLOAT), build.apply(DataType.DOUBLE), counts);
    }

    @ParameterizedTest(name = "bidirectional {0}")
    @ValueSource(booleans = {false, true})
    void stackedLstmFloatGradientsMatchTheDoubleKernelsWithDropout(boolean bidirectional) {
        assertFloatMatchesDouble(type -> LstmNets.build(new LstmNets.Spec(true, type, N_IN, STEPS, new int[] {6, 5},
                bidirectional, 0.8, false)), FastLstmLayer::fastPassCounts);
    }

    @ParameterizedTest(name = "bidirectional {0}")
    @ValueSource(booleans = {false, true})
    void stackedGruFloatGradientsMatchTheDoubleKernelsWithDropout(boolean bidirectional) {
        assertFloatMatchesDouble(type -> GruNets.build(new GruNets.Spec(type, N_IN, STEPS, new int[] {6, 5},
                bidirectional, 0.8, false)), FastGruLayer::passCounts);
    }

    @ParameterizedTest(name = "model {0}")
    @ValueSource(strings = {"lstm", "gru"})
    void theForecastersNetworkHasFloatGradientsOfTheDoubleKernelsWithItsDropoutLayers(String model) {
        RunConfig c = ConfigLoader.withOverrides(RunConfig.DEFAULTS, Map.of("model", model, "units", List.of(6, 5),
                "bidirectional", true, "dropout", 0.25, "time_steps", STEPS, "dense_units", 4), "t");
        MultiLayerNetwork floatNet = ModelFactory.build(c, N_IN);
        Supplier<long[]> counts = "lstm".equals(model) ? FastLstmLayer::fastPassCounts : FastGruLayer::passCounts;
        assertFloatMatchesDouble(floatNet, floatNet.convertDataType(DataType.DOUBLE), counts);
    }
}
