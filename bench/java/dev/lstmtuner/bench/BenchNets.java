package dev.lstmtuner.bench;

import dev.lstmtuner.model.FastGru;
import dev.lstmtuner.model.FastLstm;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The two benchmark models of the LSTM speed issue (and the same shapes with GRU layers), built here so the
 * benchmarks do not depend on ModelFactory.
 */
final class BenchNets {
    private BenchNets() {
    }

    /**
     * big: LSTM 128-64-32 with dropout 0.2 between them + Dense 16 + 1, 60x20, batch 64; small: LSTM(32) + 1, 30x20,
     * batch 32 (as ../shared/bench/pytorch_epoch.py builds them).
     */
    record Workload(String name, int[] units, double dropBetween, int dense, int steps, int features, int windows,
                    int batch) {
        static Workload of(String name) {
            return switch (name) {
                case "big" -> new Workload("big", new int[] {128, 64, 32}, 0.2, 16, 60, 20, 6000, 64);
                case "small" -> new Workload("small", new int[] {32}, 0, 0, 30, 20, 6000, 32);
                default -> throw new IllegalArgumentException("workload must be big or small, got " + name);
            };
        }
    }

    /** @param layer "stock" (DL4J's LSTM), "fast" (FastLstm) or "gru" (FastGru) */
    static MultiLayerNetwork build(Workload w, String layer) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(42).dataType(DataType.FLOAT).updater(new Adam(1e-3)).list();
        for (int i = 0; i < w.units().length; i++) {
            Layer rnn = recurrent(layer, w.units()[i]);
            list.layer(i == w.units().length - 1 ? new LastTimeStep(rnn) : rnn);
            if (i < w.units().length - 1 && w.dropBetween() > 0) {
                list.layer(new DropoutLayer.Builder(1 - w.dropBetween()).build()); // DL4J takes the retain probability
            }
        }
        if (w.dense() > 0) {
            list.layer(new DenseLayer.Builder().nOut(w.dense()).activation(Activation.RELU).build());
        }
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(1).activation(Activation.IDENTITY).build());
        MultiLayerNetwork net = new MultiLayerNetwork(
                list.setInputType(InputType.recurrent(w.features(), w.steps(), RNNFormat.NCW)).build());
        net.init();
        return net;
    }

    private static Layer recurrent(String layer, int units) {
        return switch (layer) {
            case "stock" -> new LSTM.Builder().nOut(units).activation(Activation.TANH).dataFormat(RNNFormat.NCW).build();
            case "fast" -> new FastLstm.Builder().nOut(units).activation(Activation.TANH).dataFormat(RNNFormat.NCW).build();
            case "gru" -> new FastGru.Builder().nOut(units).dataFormat(RNNFormat.NCW).build();
            default -> throw new IllegalArgumentException("layer must be stock, fast or gru, got " + layer);
        };
    }

    /** Random windows, the same for every run. */
    static DataSetIterator data(Workload w) {
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.FLOAT, w.windows(), w.features(), w.steps());
        INDArray y = Nd4j.rand(DataType.FLOAT, w.windows(), 1);
        // batched once up front, as a trainer holding its windows in memory would: epochs time the network only
        List<DataSet> batches = new ArrayList<>(new DataSet(x, y).batchBy(w.batch()));
        return new ExistingDataSetIterator(batches);
    }
}
