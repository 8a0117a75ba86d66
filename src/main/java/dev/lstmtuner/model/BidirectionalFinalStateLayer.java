package dev.lstmtuner.model;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Runs {@link BidirectionalFinalState}: [mb, 2n, T] to [mb, 2n], the first n features from step T-1 and the last n
 * from step 0; backprop puts the gradient back at those two steps (zero elsewhere).
 */
public class BidirectionalFinalStateLayer extends AbstractLayer<BidirectionalFinalState> {

    public BidirectionalFinalStateLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        if (input.rank() != 3 || input.size(1) % 2 != 0) {
            throw new IllegalArgumentException("layer " + layerId() + " needs a bidirectional CONCAT output [mb, 2n, T], got "
                    + Arrays.toString(input.shape()));
        }
        long n = input.size(1) / 2;
        long last = input.size(2) - 1;
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(),
                new long[] {input.size(0), 2 * n}, 'f');
        out.get(forward(n)).assign(input.get(forward(n)[0], forward(n)[1], NDArrayIndex.point(last)));
        out.get(backward(n)).assign(input.get(backward(n)[0], backward(n)[1], NDArrayIndex.point(0)));
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        long n = input.size(1) / 2;
        long last = input.size(2) - 1;
        INDArray eps = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, epsilon.dataType(), input.shape(), 'f');
        eps.get(forward(n)[0], forward(n)[1], NDArrayIndex.point(last)).assign(epsilon.get(forward(n)));
        eps.get(backward(n)[0], backward(n)[1], NDArrayIndex.point(0)).assign(epsilon.get(backward(n)));
        return new Pair<>(new DefaultGradient(), eps);
    }

    private static INDArrayIndex[] forward(long n) {
        return new INDArrayIndex[] {NDArrayIndex.all(), NDArrayIndex.interval(0, n)};
    }

    private static INDArrayIndex[] backward(long n) {
        return new INDArrayIndex[] {NDArrayIndex.all(), NDArrayIndex.interval(n, 2 * n)};
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public void clearNoiseWeightParams() {
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }
}
