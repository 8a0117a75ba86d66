package dev.lstmtuner.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.layers.recurrent.LastTimeStepLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

class FastGruTest {
    private static final int MB = 3;
    private static final int N_IN = 4;
    private static final int STEPS = 7;

    private static INDArray features(DataType type, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(type, MB, N_IN, STEPS);
    }

    private static INDArray labels(DataType type, long seed) {
        Nd4j.getRandom().setSeed(seed + 1);
        return Nd4j.randn(type, MB, 1);
    }

    private static GruNets.Spec spec(DataType type, boolean bidirectional, double retain, int... units) {
        return new GruNets.Spec(type, N_IN, STEPS, units, bidirectional, retain, false);
    }

    /** PyTorch's nn.GRU equations written with plain ND4J ops, one step at a time: [mb, nIn, T] to [mb, n, T]. */
    private static INDArray referenceGru(Layer layer, INDArray x) {
        INDArray w = layer.getParam(GruParamInitializer.INPUT_WEIGHT_KEY);
        INDArray rw = layer.getParam(GruParamInitializer.RECURRENT_WEIGHT_KEY);
        INDArray b = layer.getParam(GruParamInitializer.BIAS_KEY).reshape(1, -1);
        INDArray bh = layer.getParam(GruParamInitializer.RECURRENT_BIAS_KEY).reshape(1, -1);
        long n = rw.size(0);
        long mb = x.size(0);
        long steps = x.size(2);
        INDArray h = Nd4j.zeros(x.dataType(), mb, n);
        INDArray out = Nd4j.zeros(x.dataType(), mb, n, steps);
        for (int t = 0; t < steps; t++) {
            INDArray gx = x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t)).mmul(w).addRowVector(b);
            INDArray gh = h.mmul(rw);
            INDArray r = Transforms.sigmoid(block(gx, 0, n).add(block(gh, 0, n)));
            INDArray z = Transforms.sigmoid(block(gx, 1, n).add(block(gh, 1, n)));
            INDArray c = Transforms.tanh(block(gx, 2, n).add(r.mul(block(gh, 2, n).addRowVector(bh))));
            h = z.rsub(1.0).mul(c).add(z.mul(h));
            out.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t)).assign(h);
        }
        return out;
    }

    private static INDArray block(INDArray a, int k, long n) {
        return a.get(NDArrayIndex.all(), NDArrayIndex.interval(k * n, (k + 1) * n));
    }

    private static Layer gruOf(MultiLayerNetwork net, int index) {
        Layer l = net.getLayer(index);
        return l instanceof LastTimeStepLayer lts ? lts.getUnderlying() : l;
    }

    @Test
    void outputsEqualAnIndependentReferenceOfPytorchsGruEquations() {
        MultiLayerNetwork net = GruNets.build(spec(DataType.FLOAT, false, 0, 5));
        Layer gru = gruOf(net, 0);
        assertThat(gru).isInstanceOf(FastGruLayer.class);
        // non-zero biases, so that a misplaced b or bh shows
        Nd4j.getRandom().setSeed(3);
        gru.getParam(GruParamInitializer.BIAS_KEY).assign(Nd4j.randn(DataType.FLOAT, 1, 15).mul(0.5));
        gru.getParam(GruParamInitializer.RECURRENT_BIAS_KEY).assign(Nd4j.randn(DataType.FLOAT, 1, 5).mul(0.5));
        INDArray x = features(DataType.FLOAT, 1);
        INDArray expected = referenceGru(gru, x);
        INDArray inference = gru.activate(x, false, LayerWorkspaceMgr.noWorkspaces()).dup();
        INDArray training = gru.activate(x, true, LayerWorkspaceMgr.noWorkspaces()).dup();
        assertThat(expected.amaxNumber().doubleValue()).isGreaterThan(0.05);
        assertThat(inference.shape()).containsExactly(MB, 5, STEPS);
        assertThat(inference.sub(expected).amaxNumber().doubleValue()).isLessThan(1e-5);
        assertThat(training.sub(expected).amaxNumber().doubleValue()).isLessThan(1e-5);
    }

    @Test
    void finiteDifferencesAgreeWithGruGradients() {
        assertGradientsMatchFiniteDifferences(spec(DataType.DOUBLE, false, 0, 4, 3));
    }

    @Test
    void finiteDifferencesAgreeWithBidirectionalGruGradients() {
        assertGradientsMatchFiniteDifferences(spec(DataType.DOUBLE, true, 0, 3, 2));
    }

    private static void assertGradientsMatchFiniteDifferences(GruNets.Spec s) {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            MultiLayerNetwork net = GruNets.build(s);
            // non-zero biases, so their gradients (and bh's place in r * (h RW_n + bh)) are checked too
            Nd4j.getRandom().setSeed(8);
            for (int i = 0; i < s.units().length; i++) {
                for (var e : net.getLayer(i).paramTable().entrySet()) {
                    if (e.getKey().endsWith(GruParamInitializer.BIAS_KEY) || e.getKey().endsWith(GruParamInitializer.RECURRENT_BIAS_KEY)) {
                        e.getValue().assign(Nd4j.randn(DataType.DOUBLE, e.getValue().shape()).mul(0.3));
                    }
                }
            }
            long before = FastGruLayer.passCounts()[1];
            boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig()
                    .net(net)
                    .input(features(DataType.DOUBLE, 9))
                    .labels(labels(DataType.DOUBLE, 9))
                    .epsilon(1e-6)
                    .maxRelError(1e-3)
                    .minAbsoluteError(1e-8));
            assertThat(ok).isTrue();
            assertThat(FastGruLayer.passCounts()[1]).isGreaterThan(before);
        } finally {
            Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        }
    }

    @Test
    void trainingTwiceWithTheSameSeedGivesIdenticalParameters() {
        GruNets.Spec s = new GruNets.Spec(DataType.FLOAT, N_IN, STEPS, new int[] {6, 5}, true, 0.8, true);
        assertThat(train(s, 5).params).isEqualTo(train(s, 5).params);
    }

    @Test
    void withDropoutTheLossFalls() {
        GruNets.Spec s = new GruNets.Spec(DataType.FLOAT, N_IN, STEPS, new int[] {8, 4}, false, 0.9, true);
        Trained t = train(s, 60);
        assertThat(t.lastScore).isLessThan(t.firstScore * 0.5);
    }

    @Test
    void configurationSurvivesJsonAsFastGru() {
        MultiLayerNetwork net = GruNets.build(spec(DataType.FLOAT, true, 0.8, 5));
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        assertThat(back.getConf(0).getLayer()).isInstanceOf(LastTimeStep.class);
        assertThat(back).isEqualTo(net.getLayerWiseConfigurations());
    }

    @Test
    void savedModelRestoresWithTheSameOutputs(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = GruNets.build(new GruNets.Spec(DataType.FLOAT, N_IN, STEPS, new int[] {6, 5}, true, 0.8, true));
        train(net, 3);
        File file = dir.resolve("gru.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(file, true);
        assertThat(Files.size(file.toPath())).isPositive();
        assertThat(back.params()).isEqualTo(net.params());
        INDArray x = features(DataType.FLOAT, 4);
        assertThat(back.output(x, false)).isEqualTo(net.output(x, false));
        back.fit(new DataSet(x, labels(DataType.FLOAT, 4))); // the updater state came back too
        assertThat(back.params()).isNotEqualTo(net.params());
    }

    @Test
    void maskedInputIsRefusedWithAReason() {
        MultiLayerNetwork net = GruNets.build(spec(DataType.FLOAT, false, 0, 5));
        INDArray mask = Nd4j.ones(DataType.FLOAT, MB, STEPS);
        assertThatThrownBy(() -> net.output(features(DataType.FLOAT, 2), false, mask, null))
                .hasMessageContaining("does not support masks");
    }

    private record Trained(INDArray params, double firstScore, double lastScore) {
    }

    private static Trained train(GruNets.Spec s, int iterations) {
        return train(GruNets.build(s), iterations);
    }

    /** Fits a learnable target (mean of the last step's features) with a fixed seed. */
    private static Trained train(MultiLayerNetwork net, int iterations) {
        Nd4j.getRandom().setSeed(123);
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, N_IN, STEPS);
        INDArray y = x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(STEPS - 1)).mean(true, 1);
        DataSet ds = new DataSet(x, y);
        double first = net.score(ds);
        for (int i = 0; i < iterations; i++) {
            net.fit(ds);
        }
        return new Trained(net.params().dup(), first, net.score(ds));
    }
}
