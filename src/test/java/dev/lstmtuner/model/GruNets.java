package dev.lstmtuner.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small forecaster-shaped GRU networks for the GRU tests. */
final class GruNets {
    private GruNets() {
    }

    record Spec(DataType type, int nIn, int steps, int[] units, boolean bidirectional, double retainProb, boolean train) {
    }

    static MultiLayerNetwork build(Spec s) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(42)
                .dataType(s.type())
                .updater(s.train() ? new Adam(1e-2) : new NoOp())
                .list();
        for (int i = 0; i < s.units().length; i++) {
            FastGru.Builder b = new FastGru.Builder().nOut(s.units()[i]);
            if (s.retainProb() > 0) {
                b.dropOut(s.retainProb());
            }
            Layer layer = b.build();
            if (s.bidirectional()) {
                layer = new Bidirectional(Bidirectional.Mode.CONCAT, layer);
            }
            if (i == s.units().length - 1) {
                layer = new LastTimeStep(layer);
            }
            list.layer(layer);
        }
        list.layer(new DenseLayer.Builder().nOut(3).activation(Activation.TANH).build());
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(1).activation(Activation.IDENTITY).build());
        MultiLayerNetwork net = new MultiLayerNetwork(list.setInputType(InputType.recurrent(s.nIn(), s.steps(), RNNFormat.NCW)).build());
        net.init();
        return net;
    }
}
