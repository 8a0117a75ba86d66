package dev.lstmtuner.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.layers.recurrent.LastTimeStepLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class FastLstmTest {
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

    private static LstmNets.Spec spec(DataType type, boolean bidirectional, double retain, int... units) {
        return new LstmNets.Spec(true, type, N_IN, STEPS, units, bidirectional, retain, false);
    }

    /** Builds the stock and the fast network with the stock network's parameters. */
    private static MultiLayerNetwork[] pair(LstmNets.Spec s) {
        MultiLayerNetwork stock = LstmNets.build(s.withFast(false));
        MultiLayerNetwork fast = LstmNets.build(s.withFast(true));
        assertThat(fast.numParams()).isEqualTo(stock.numParams());
        fast.setParams(stock.params().dup());
        return new MultiLayerNetwork[] {stock, fast};
    }

    private static INDArray gradient(MultiLayerNetwork net, INDArray x, INDArray y, long dropoutSeed) {
        net.setInput(x);
        net.setLabels(y);
        Nd4j.getRandom().setSeed(dropoutSeed);
        net.computeGradientAndScore();
        return net.gradient().gradient().dup();
    }

    private static void assertSameGradients(LstmNets.Spec s) {
        MultiLayerNetwork[] nets = pair(s);
        INDArray x = features(s.type(), 5);
        INDArray y = labels(s.type(), 5);
        INDArray expected = gradient(nets[0], x, y, 11);
        long[] before = FastLstmLayer.fastPassCounts();
        INDArray actual = gradient(nets[1], x, y, 11);
        long[] after = FastLstmLayer.fastPassCounts();
        int lstmLayers = s.units().length * (s.bidirectional() ? 2 : 1);
        assertThat(after[0] - before[0]).as("fast forward passes").isEqualTo(lstmLayers);
        assertThat(after[1] - before[1]).as("fast backward passes").isEqualTo(lstmLayers);
        assertThat(nets[1].score()).isCloseTo(nets[0].score(), org.assertj.core.data.Offset.offset(1e-10));
        assertThat(expected.amaxNumber().doubleValue()).isGreaterThan(1e-6);
        assertThat(actual.sub(expected).amaxNumber().doubleValue()).isLessThan(1e-9);
    }

    @Test
    void fastLayerOutputsEqualStockLstmOutputsForSameParameters() {
        MultiLayerNetwork[] nets = pair(spec(DataType.FLOAT, false, 0, 5));
        INDArray x = features(DataType.FLOAT, 1);
        org.deeplearning4j.nn.api.Layer stockLstm = ((LastTimeStepLayer) nets[0].getLayer(0)).getUnderlying();
        org.deeplearning4j.nn.api.Layer fastLstm = ((LastTimeStepLayer) nets[1].getLayer(0)).getUnderlying();
        assertThat(fastLstm).isInstanceOf(FastLstmLayer.class);
        assertThat(stockLstm).isNotInstanceOf(FastLstmLayer.class);

        INDArray expected = stockLstm.activate(x, false, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
        long before = FastLstmLayer.fastPassCounts()[0];
        INDArray actual = fastLstm.activate(x, false, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
        assertThat(FastLstmLayer.fastPassCounts()[0]).isEqualTo(before + 1);
        assertThat(actual.shape()).containsExactly(MB, 5, STEPS);
        assertThat(actual.sub(expected).amaxNumber().doubleValue()).isLessThan(1e-5);
        assertThat(nets[1].output(x).sub(nets[0].output(x)).amaxNumber().doubleValue()).isLessThan(1e-5);
    }

    @Test
    void fastLayerGradientsEqualStockLstmGradients() {
        assertSameGradients(spec(DataType.DOUBLE, false, 0, 5));
    }

    @Test
    void stackedLayersUnderLastTimeStepGiveStockGradients() {
        assertSameGradients(spec(DataType.DOUBLE, false, 0, 6, 5));
    }

    @Test
    void bidirectionalLayersGiveStockGradients() {
        assertSameGradients(spec(DataType.DOUBLE, true, 0, 4, 3));
    }

    @Test
    void inputDropoutGivesStockGradientsForTheSameRandomSeed() {
        assertSameGradients(spec(DataType.DOUBLE, false, 0.7, 6, 5));
    }

    @Test
    void maskedInputFallsBackToStockMaths() {
        MultiLayerNetwork[] nets = pair(spec(DataType.DOUBLE, false, 0, 5));
        INDArray x = features(DataType.DOUBLE, 3);
        INDArray mask = Nd4j.ones(DataType.DOUBLE, MB, STEPS);
        mask.putScalar(new long[] {1, STEPS - 1}, 0.0);
        mask.putScalar(new long[] {1, STEPS - 2}, 0.0);
        INDArray expected = nets[0].output(x, false, mask, null);
        long before = FastLstmLayer.fastPassCounts()[0];
        INDArray actual = nets[1].output(x, false, mask, null);
        assertThat(FastLstmLayer.fastPassCounts()[0]).as("masked passes use the stock maths").isEqualTo(before);
        assertThat(actual.sub(expected).amaxNumber().doubleValue()).isLessThan(1e-12);
    }

    @Test
    void finiteDifferencesAgreeWithFastLayerGradients() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            MultiLayerNetwork net = LstmNets.build(spec(DataType.DOUBLE, false, 0, 4, 3));
            boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig()
                    .net(net)
                    .input(features(DataType.DOUBLE, 9))
                    .labels(labels(DataType.DOUBLE, 9))
                    .epsilon(1e-6)
                    .maxRelError(1e-3)
                    .minAbsoluteError(1e-8));
            assertThat(ok).isTrue();
        } finally {
            Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        }
    }

    @Test
    void trainingTwiceWithTheSameSeedGivesIdenticalParameters() {
        LstmNets.Spec s = new LstmNets.Spec(true, DataType.FLOAT, N_IN, STEPS, new int[] {6, 5}, false, 0.8, true);
        assertThat(train(s, 5).params).isEqualTo(train(s, 5).params);
    }

    @Test
    void withDropoutTheLossFalls() {
        LstmNets.Spec s = new LstmNets.Spec(true, DataType.FLOAT, N_IN, STEPS, new int[] {8}, false, 0.9, true);
        Trained t = train(s, 60);
        assertThat(t.lastScore).isLessThan(t.firstScore * 0.5);
    }

    @Test
    void configurationSurvivesJsonAsFastLstm() {
        MultiLayerNetwork net = LstmNets.build(spec(DataType.FLOAT, false, 0.8, 5));
        String json = net.getLayerWiseConfigurations().toJson();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
        LastTimeStep wrapper = (LastTimeStep) back.getConf(0).getLayer();
        assertThat(wrapper.getUnderlying()).isInstanceOf(FastLstm.class);
        assertThat(back).isEqualTo(net.getLayerWiseConfigurations());
    }

    private record Trained(INDArray params, double firstScore, double lastScore) {
    }

    /** Fits a learnable target (mean of the last step's features) with a fixed seed. */
    private static Trained train(LstmNets.Spec s, int iterations) {
        MultiLayerNetwork net = LstmNets.build(s);
        Nd4j.getRandom().setSeed(123);
        INDArray x = Nd4j.rand(s.type(), 16, s.nIn(), s.steps());
        INDArray y = x.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.point(s.steps() - 1)).mean(true, 1);
        DataSet ds = new DataSet(x, y);
        double first = net.score(ds);
        for (int i = 0; i < iterations; i++) {
            net.fit(ds);
        }
        return new Trained(net.params().dup(), first, net.score(ds));
    }
}
