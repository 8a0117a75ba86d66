package dev.lstmtuner.model;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.RunConfig;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Builds the network of a neural family from a {@link RunConfig}, then optional batch norm, a ReLU dense layer and a
 * linear one-unit output trained with MSE and Adam:
 * <ul>
 *   <li>{@code lstm}, {@code gru}, {@code rnn}: stacked recurrent layers ({@link RecurrentLayers}), one per
 *       {@code units} entry, each optionally bidirectional and followed by dropout, the last one reduced to its
 *       final state (per direction, when bidirectional);</li>
 *   <li>{@code transformer}: a self-attention encoder ({@link AttentionEncoder}).</li>
 * </ul>
 * The recurrent layer depends on the backend ({@link #layerChoice}): the fast layers run only on the CPU one.
 */
public final class ModelFactory {
    private ModelFactory() {
    }

    public static MultiLayerNetwork build(RunConfig c, int features) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(c, features));
        net.init();
        return net;
    }

    /**
     * The layer a network of {@code c} is built with on {@code backend}. On any backend but the CPU one the LSTM is
     * DL4J's stock layer (the fast one would read stale host memory there) and the GRU, which has no other
     * implementation, is refused.
     *
     * @throws BadInputException for {@code model: gru} off the CPU backend, naming what to use instead
     */
    public static LayerChoice layerChoice(RunConfig c, Backend backend) {
        return switch (c.model()) {
            case "lstm" -> {
                if ("stock".equals(c.layerImpl())) yield new LayerChoice("lstm", "stock", "");
                yield backend.cpu() ? new LayerChoice("lstm", "fast", "")
                        : new LayerChoice("lstm", "stock", "layer_impl fast needs ND4J's CPU backend, not " + backend.name());
            }
            case "gru" -> {
                if (!backend.cpu()) throw new BadInputException(gruRefusal(backend));
                yield new LayerChoice("gru", "fast", "");
            }
            case "rnn" -> new LayerChoice("rnn", "SimpleRnn", "");
            case "transformer" -> new LayerChoice("transformer", "attention", "");
            default -> new LayerChoice(c.model(), "no network", "");
        };
    }

    /** Why a GRU cannot run on {@code backend}, and what to run instead. */
    static String gruRefusal(Backend backend) {
        return "model \"gru\" has only a CPU implementation and this process runs ND4J's " + backend.name()
                + " backend: use `cell: lstm` (model lstm, DL4J's own LSTM layer on the GPU) or `model: rnn`,"
                + " or train it on the CPU (--devices cpu)";
    }

    public static MultiLayerConfiguration configuration(RunConfig c, int features) {
        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
                .seed(c.seed())
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(c.learningRate()));
        if (c.l2() > 0) base.l2(c.l2());
        if (c.clipNorm() > 0) {
            base.gradientNormalization(GradientNormalization.ClipL2PerLayer)
                    .gradientNormalizationThreshold(c.clipNorm());
        }
        NeuralNetConfiguration.ListBuilder list = base.list();
        if ("transformer".equals(c.model())) AttentionEncoder.add(list, c);
        else recurrent(list, c);
        if (c.batchNorm()) list.layer(new BatchNormalization.Builder().build());
        if (c.denseUnits() > 0) {
            list.layer(new DenseLayer.Builder().nOut(c.denseUnits()).activation(Activation.RELU).build());
        }
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(1).activation(Activation.IDENTITY).build());
        list.setInputType(InputType.recurrent(features, c.timeSteps(), RNNFormat.NCW));
        return list.build();
    }

    private static void recurrent(NeuralNetConfiguration.ListBuilder list, RunConfig c) {
        LayerChoice choice = layerChoice(c, Backend.current());
        for (int i = 0; i < c.layers(); i++) {
            Layer layer = RecurrentLayers.of(choice, c.units().get(i));
            boolean last = i == c.layers() - 1;
            if (c.bidirectional()) layer = new Bidirectional(Bidirectional.Mode.CONCAT, layer);
            list.layer(last && !c.bidirectional() ? new LastTimeStep(layer) : layer);
            // each direction's own final state: the backward one's is at step 0, after the whole window
            // (LastTimeStep around Bidirectional took its step T-1, which had seen only the last bar)
            if (last && c.bidirectional()) list.layer(new BidirectionalFinalState());
            dropout(list, c);
        }
    }

    /** A dropout layer after a hidden layer, if the config drops any. */
    static void dropout(NeuralNetConfiguration.ListBuilder list, RunConfig c) {
        // DL4J's argument is the probability to RETAIN an activation; users mean the fraction dropped
        if (c.dropout() > 0) list.layer(new DropoutLayer.Builder(1.0 - c.dropout()).build());
    }
}
