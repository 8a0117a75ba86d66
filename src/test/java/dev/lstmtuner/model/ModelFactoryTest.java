package dev.lstmtuner.model;

import java.util.List;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ModelFactoryTest {

    @Test
    void referenceModelWithTwentyFeaturesHasTheTutorialsParameterCount() {
        // LSTM 128-64-32, Dense 16, output 1: 76,288 + 49,408 + 12,416 + 528 + 17
        MultiLayerNetwork net = ModelFactory.build(RunConfig.DEFAULTS, 20);
        assertThat(net.numParams()).isEqualTo(138_657L);
    }

    @Test
    void outputIsOneValuePerWindow() {
        RunConfig c = ConfigLoader.withOverrides(RunConfig.DEFAULTS, Map.of("units", List.of(8, 4),
                "time_steps", 12, "dense_units", 0), "t");
        MultiLayerNetwork net = ModelFactory.build(c, 5);
        INDArray out = net.output(Nd4j.rand(3, 5, 12), false);
        assertThat(out.shape()).containsExactly(3, 1);
    }

    @Test
    void bidirectionalDoublesTheRecurrentParameters() {
        RunConfig one = ConfigLoader.withOverrides(RunConfig.DEFAULTS, Map.of("units", List.of(8),
                "dense_units", 0), "t");
        RunConfig bi = ConfigLoader.withOverrides(one, Map.of("bidirectional", true), "t");
        long lstm = 4L * (5 * 8 + 8 * 8 + 8);
        assertThat(ModelFactory.build(one, 5).numParams()).isEqualTo(lstm + 8 + 1);
        assertThat(ModelFactory.build(bi, 5).numParams()).isEqualTo(2 * lstm + 16 + 1);
    }

    @Test
    void dropoutIsTheFractionDroppedNotRetained() {
        RunConfig c = ConfigLoader.withOverrides(RunConfig.DEFAULTS, Map.of("dropout", 0.3), "t");
        var conf = ModelFactory.configuration(c, 4);
        var dropout = conf.getConf(1).getLayer();
        assertThat(dropout).isInstanceOf(DropoutLayer.class);
        // DL4J's Dropout holds the retain probability
        assertThat(((Dropout) ((DropoutLayer) dropout).getIDropout()).getP())
                .isEqualTo(0.7, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void noDropoutLayersWhenDropoutIsZero() {
        RunConfig c = ConfigLoader.withOverrides(RunConfig.DEFAULTS, Map.of("dropout", 0.0), "t");
        var conf = ModelFactory.configuration(c, 4);
        for (int i = 0; i < conf.getConfs().size(); i++) {
            assertThat(conf.getConf(i).getLayer()).isNotInstanceOf(DropoutLayer.class);
        }
    }

    @Test
    void fastAndStockLayersHoldTheSameParametersAndGiveTheSameOutputs() {
        RunConfig fast = ConfigLoader.withOverrides(RunConfig.DEFAULTS, Map.of("units", List.of(6, 4),
                "time_steps", 9, "dropout", 0.0, "layer_impl", "fast"), "t");
        RunConfig stock = ConfigLoader.withOverrides(fast, Map.of("layer_impl", "stock"), "t");
        MultiLayerNetwork f = ModelFactory.build(fast, 3);
        MultiLayerNetwork s = ModelFactory.build(stock, 3);
        assertThat(f.getLayer(0).conf().getLayer()).isInstanceOf(FastLstm.class);
        assertThat(s.getLayer(0).conf().getLayer()).isNotInstanceOf(FastLstm.class);
        assertThat(f.numParams()).isEqualTo(s.numParams());
        assertThat(f.params()).isEqualTo(s.params()); // same seed, same initializer
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 5, 3, 9);
        assertThat(f.output(x, false).equalsWithEps(s.output(x, false), 1e-5)).isTrue();
    }

    @Test
    void gruCellBuildsStackedBidirectionalGruLayersWithThreeGateBlocks() {
        RunConfig c = ConfigLoader.withOverrides(RunConfig.DEFAULTS, Map.of("cell", "gru", "units", List.of(8, 4),
                "bidirectional", true, "dense_units", 0, "dropout", 0.0, "time_steps", 6), "t");
        MultiLayerNetwork net = ModelFactory.build(c, 5);
        var first = (Bidirectional) net.getLayer(0).conf().getLayer();
        assertThat(first.getFwd()).isInstanceOf(FastGru.class);
        // per direction: W [nIn, 3n] + RW [n, 3n] + b [3n] + bh [n]
        long gru1 = 3L * (5 * 8 + 8 * 8 + 8) + 8;
        long gru2 = 3L * (16 * 4 + 4 * 4 + 4) + 4;
        assertThat(net.numParams()).isEqualTo(2 * gru1 + 2 * gru2 + 8 + 1);
        assertThat(net.output(Nd4j.rand(3, 5, 6), false).shape()).containsExactly(3, 1);
    }

    @Test
    void gruWithTheStockImplementationIsRefusedNamingTheKey() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConfigLoader.withOverrides(RunConfig.DEFAULTS,
                        Map.of("cell", "gru", "layer_impl", "stock"), "t"))
                .hasMessageContaining("layer_impl").hasMessageContaining("exists only for model \"lstm\"");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConfigLoader.withOverrides(RunConfig.DEFAULTS,
                        Map.of("cell", "rnn"), "t"))
                .hasMessageContaining("cell").hasMessageContaining("[lstm, gru]");
    }
}
