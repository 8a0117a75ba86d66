package dev.lstmtuner.model;

import java.util.HashMap;
import org.deeplearning4j.nn.conf.layers.Layer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The fast layers run only on ND4J's CPU backend; elsewhere the LSTM is DL4J's own and the GRU is refused. */
class BackendFallbackTest {
    private static final Backend CUDA = new Backend("JCublas", false);
    private static final Backend CPU = new Backend("Cpu", true);

    private static RunConfig config(String model, Map<String, Object> more) {
        Map<String, Object> o = new HashMap<>(Map.of("model", model, "units", List.of(5, 4),
                "time_steps", 6, "dropout", 0.0));
        o.putAll(more);
        return ConfigLoader.withOverrides(RunConfig.DEFAULTS, o, "t");
    }

    private static Layer recurrentConf(MultiLayerNetwork net, int layer) {
        Layer l = net.getLayer(layer).conf().getLayer();
        return l instanceof LastTimeStep last ? last.getUnderlying() : l;
    }

    @Test
    void onTheCpuBackendTheLstmAndGruAreTheFastLayers() {
        assertThat(ModelFactory.layerChoice(config("lstm", Map.of()), CPU).label()).isEqualTo("lstm: fast");
        assertThat(ModelFactory.layerChoice(config("gru", Map.of()), CPU).label()).isEqualTo("gru: fast");
        assertThat(ModelFactory.layerChoice(config("lstm", Map.of("layer_impl", "stock")), CPU).label())
                .isEqualTo("lstm: stock");
        MultiLayerNetwork net = Backend.actAs(CPU, () -> ModelFactory.build(config("lstm", Map.of()), 3));
        assertThat(recurrentConf(net, 0)).isInstanceOf(FastLstm.class);
    }

    @Test
    void onAnotherBackendTheLstmIsDl4jsStockLayerAndTheChoiceSaysWhy() {
        RunConfig c = config("lstm", Map.of("layer_impl", "fast"));
        LayerChoice choice = ModelFactory.layerChoice(c, CUDA);
        assertThat(choice.implementation()).isEqualTo("stock");
        assertThat(choice.label()).isEqualTo("lstm: stock (layer_impl fast needs ND4J's CPU backend, not JCublas)");
        MultiLayerNetwork net = Backend.actAs(CUDA, () -> ModelFactory.build(c, 3));
        for (int i : new int[] {0, 1}) {
            assertThat(recurrentConf(net, i)).isInstanceOf(LSTM.class).isNotInstanceOf(FastLstm.class);
        }
        // same parameters as the fast network of the same seed: a GPU run starts where a CPU run does
        MultiLayerNetwork cpu = Backend.actAs(CPU, () -> ModelFactory.build(c, 3));
        assertThat(net.params()).isEqualTo(cpu.params());
    }

    @Test
    void onAnotherBackendTheGruIsRefusedNamingWhatToUseInstead() {
        RunConfig gru = config("gru", Map.of());
        assertThatThrownBy(() -> ModelFactory.layerChoice(gru, CUDA))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("JCublas").hasMessageContaining("`cell: lstm`")
                .hasMessageContaining("`model: rnn`").hasMessageContaining("--devices cpu");
        assertThatThrownBy(() -> Backend.actAs(CUDA, () -> ModelFactory.build(gru, 3)))
                .isInstanceOf(BadInputException.class);
        assertThat(ModelFactory.layerChoice(config("rnn", Map.of()), CUDA).label()).isEqualTo("rnn: SimpleRnn");
    }

    @Test
    void aFastLstmModelRunOnAnotherBackendTakesTheStockPathWithTheSameOutputs() {
        // a model file saved on the CPU names FastLstm; loaded under CUDA it must not call the host-memory GEMMs
        MultiLayerNetwork net = Backend.actAs(CPU, () -> ModelFactory.build(config("lstm", Map.of()), 3));
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 3, 6);
        INDArray onCpu = net.output(x, false);
        long before = FastLstmLayer.fastPassCounts()[0];
        INDArray elsewhere = Backend.actAs(CUDA, () -> net.output(x, false));
        assertThat(FastLstmLayer.fastPassCounts()[0]).as("fast passes under CUDA").isEqualTo(before);
        assertThat(elsewhere.equalsWithEps(onCpu, 1e-5)).isTrue();
    }

    @Test
    void aGruModelRunOnAnotherBackendIsRefusedNotComputed() {
        MultiLayerNetwork net = Backend.actAs(CPU, () -> ModelFactory.build(config("gru", Map.of()), 3));
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 6);
        assertThatThrownBy(() -> Backend.actAs(CUDA, () -> net.output(x, false)))
                .hasStackTraceContaining("has only a CPU implementation");
    }
}
