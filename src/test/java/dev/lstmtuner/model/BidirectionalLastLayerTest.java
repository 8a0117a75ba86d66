package dev.lstmtuner.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import java.io.File;
import java.nio.file.Path;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** A bidirectional model's last layer gives each direction's final state: the backward one has seen the whole window. */
class BidirectionalLastLayerTest {
    private static final int UNITS = 5;
    private static final int STEPS = 8;

    /** The last recurrent layer's output [mb, 2 units] (forward half, then backward half). */
    private static INDArray lastLayer(MultiLayerNetwork net, INDArray x) {
        return net.feedForwardToLayer(2, x, false).get(3);
    }

    private static double change(INDArray a, INDArray b, int from) {
        return a.get(NDArrayIndex.all(), NDArrayIndex.interval(from, from + UNITS))
                .sub(b.get(NDArrayIndex.all(), NDArrayIndex.interval(from, from + UNITS))).amaxNumber().doubleValue();
    }

    @ParameterizedTest(name = "model {0}")
    @ValueSource(strings = {"lstm", "gru", "rnn"})
    void theLastLayersBackwardHalfDependsOnTheFirstBarOfTheWindow(String model) {
        RunConfig c = ConfigLoader.withOverrides(RunConfig.DEFAULTS, Map.of("model", model, "units", List.of(6, UNITS),
                "bidirectional", true, "dropout", 0.0, "time_steps", STEPS, "dense_units", 0), "t");
        MultiLayerNetwork net = ModelFactory.build(c, 3);
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.randn(DataType.FLOAT, 2, 3, STEPS);
        INDArray firstBarMoved = x.dup();
        firstBarMoved.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(0)).addi(2.0);
        INDArray out = lastLayer(net, x);
        assertThat(out.shape()).containsExactly(2, 2 * UNITS);
        INDArray moved = lastLayer(net, firstBarMoved);
        // the backward direction reads the first bar last: moving it must move that half's final state
        assertThat(change(out, moved, UNITS)).as("backward half after the first bar moved").isGreaterThan(1e-2);
        assertThat(change(out, moved, 0)).as("forward half after the first bar moved").isGreaterThan(0.0);

        // and the backward half is not a function of the last bar alone: two windows that share only their last
        // bar give different backward states (the old LastTimeStep(Bidirectional) gave equal ones)
        INDArray sameLastBar = Nd4j.randn(DataType.FLOAT, 2, 3, STEPS);
        sameLastBar.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(STEPS - 1))
                .assign(x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(STEPS - 1)));
        assertThat(change(out, lastLayer(net, sameLastBar), UNITS)).isGreaterThan(1e-2);
    }

    @Test
    void aSavedBidirectionalModelRestoresWithTheSameOutputs(@TempDir Path dir) throws Exception {
        RunConfig c = ConfigLoader.withOverrides(RunConfig.DEFAULTS, Map.of("units", List.of(UNITS),
                "bidirectional", true, "dropout", 0.1, "time_steps", STEPS), "t");
        MultiLayerNetwork net = ModelFactory.build(c, 3);
        File file = dir.resolve("model.zip").toFile();
        ModelSerializer.writeModel(net, file, false);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, false);
        INDArray x = Nd4j.randn(DataType.FLOAT, 3, 3, STEPS);
        assertThat(restored.output(x, false)).isEqualTo(net.output(x, false));
    }
}
