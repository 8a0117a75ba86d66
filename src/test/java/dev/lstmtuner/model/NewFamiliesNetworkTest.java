package dev.lstmtuner.model;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/** The rnn (DL4J SimpleRnn) and transformer (DL4J self-attention) families as networks. */
class NewFamiliesNetworkTest {
    private static RunConfig config(Map<String, Object> o) {
        return ConfigLoader.withOverrides(RunConfig.DEFAULTS, o, "t");
    }

    @Test
    void rnnStacksBidirectionalSimpleRnnLayersAsUnitsSays() {
        RunConfig c = config(Map.of("model", "rnn", "units", List.of(8, 4), "bidirectional", true,
                "dense_units", 0, "dropout", 0.0, "time_steps", 6));
        MultiLayerNetwork net = ModelFactory.build(c, 5);
        for (int i = 0; i < 2; i++) assertThat(cell(net.getLayer(i).conf().getLayer())).isInstanceOf(SimpleRnn.class);
        // per direction: W [nIn, n] + RW [n, n] + b [n]
        long rnn1 = 5 * 8 + 8 * 8 + 8, rnn2 = 16 * 4 + 4 * 4 + 4;
        assertThat(net.numParams()).isEqualTo(2 * rnn1 + 2 * rnn2 + 8 + 1);
        assertThat(net.output(Nd4j.rand(DataType.FLOAT, 3, 5, 6), false).shape()).containsExactly(3, 1);
    }

    private static Layer cell(Layer l) {
        while (true) {
            if (l instanceof BaseWrapperLayer w) l = w.getUnderlying();
            else if (l instanceof Bidirectional b) l = b.getFwd();
            else return l;
        }
    }

    @Test
    void transformerIsPositionsThenMultiHeadSelfAttentionThenPooling() {
        RunConfig c = config(Map.of("model", "transformer", "units", List.of(12), "heads", 3, "head_size", 4,
                "dense_units", 0, "dropout", 0.0, "time_steps", 7));
        MultiLayerNetwork net = ModelFactory.build(c, 5);
        assertThat(net.getLayer(0).conf().getLayer()).isInstanceOf(LearnedPositions.class);
        SelfAttentionLayer att = (SelfAttentionLayer) net.getLayer(1).conf().getLayer();
        assertThat(att.getNHeads()).isEqualTo(3);
        assertThat(att.getHeadSize()).isEqualTo(4);
        assertThat(net.getLayer(2).conf().getLayer()).isInstanceOf(GlobalPoolingLayer.class);
        // positions [5, 7]; Wq, Wk, Wv [3, 4, 5] each; Wo [12, 12]; output 12 + 1
        assertThat(net.numParams()).isEqualTo(5 * 7 + 3 * (3 * 4 * 5) + 12 * 12 + 12 + 1);
        assertThat(net.output(Nd4j.rand(DataType.FLOAT, 2, 5, 7), false).shape()).containsExactly(2, 1);
    }

    @Test
    void theTransformerSeesTheOrderOfTheBars() {
        RunConfig c = config(Map.of("model", "transformer", "units", List.of(8), "heads", 2, "head_size", 4,
                "dense_units", 0, "dropout", 0.0, "time_steps", 5));
        MultiLayerNetwork net = ModelFactory.build(c, 3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 3, 5);
        INDArray reversed = x.dup();
        for (int t = 0; t < 5; t++) reversed.get(all(), all(), point(t)).assign(x.get(all(), all(), point(4 - t)));
        // attention and average pooling alone are blind to order; the positions are what tell the two apart
        assertThat(net.output(x, false).getDouble(0)).isNotEqualTo(net.output(reversed, false).getDouble(0));
    }

    @Test
    void theSameSeedBuildsTheSameTransformerAndItsJsonRestoresIt() {
        RunConfig c = config(Map.of("model", "transformer", "units", List.of(8, 8), "heads", 2, "head_size", 4,
                "time_steps", 6));
        MultiLayerNetwork a = ModelFactory.build(c, 4), b = ModelFactory.build(c, 4);
        assertThat(a.params()).isEqualTo(b.params());
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(a.getLayerWiseConfigurations().toJson());
        assertThat(back).isEqualTo(a.getLayerWiseConfigurations());
    }

    @Test
    void combinationsThatMeanNothingAreRefusedByKeyWithWhatToDo() {
        assertThatThrownBy(() -> config(Map.of("model", "transformer", "bidirectional", true)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("\"bidirectional\"")
                .hasMessageContaining("[lstm, gru, rnn]").hasMessageContaining("set it false");
        assertThatThrownBy(() -> config(Map.of("model", "rnn", "layer_impl", "stock")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("\"layer_impl\"").hasMessageContaining("\"fast\"");
        assertThatThrownBy(() -> config(Map.of("model", "forest", "batch_norm", true)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("\"batch_norm\"");
        assertThatThrownBy(() -> config(Map.of("model", "transformer", "cell", "gru")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("\"cell\"").hasMessageContaining("transformer");
        assertThatThrownBy(() -> config(Map.of("model", "transformer", "heads", 0)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("\"heads\"");
    }
}
