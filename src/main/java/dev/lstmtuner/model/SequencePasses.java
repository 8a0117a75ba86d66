package dev.lstmtuner.model;

import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The plumbing both fast recurrent layers share: DL4J's [mb, k, T] arrays to and from the work's rows, the GEMMs
 * over all time steps (input projection, weight and input gradients: one each), and the loops over the steps,
 * which run one recurrent GEMM per step around the cell's {@link StepKernel}. Column-major [r, c] parameters
 * (DL4J's layout) are row-major [c, r] to the GEMMs, so W^T and RW^T need no copy.
 */
final class SequencePasses {
    private SequencePasses() {
    }

    /** Parameters and their gradients must be dense column-major matrices for the raw GEMMs. */
    static boolean columnMajor(INDArray a) {
        return a.rank() == 2 && a.stride(0) == 1 && a.stride(1) == a.size(0);
    }

    /** DL4J keeps a bias as a vector: [k] (M2.1) or [1, k]. */
    static boolean dense(INDArray bias) {
        if (bias.rank() == 1) {
            return bias.stride(0) == 1;
        }
        return bias.rank() == 2 && bias.size(0) == 1 && (bias.stride(1) == 1 || bias.size(1) == 1);
    }

    /** Sizes the work for {@code input} [mb, nIn, T], copies it to rows and writes its projections Z = X W. */
    static void project(RecurrentWork w, INDArray input, INDArray weight, int n) {
        int mb = (int) input.size(0);
        int nIn = (int) input.size(1);
        int steps = (int) input.size(2);
        DataType type = weight.dataType();
        w.prepare(type, mb, nIn, n, steps);
        NcwCopy.ofThread().fromNcw(input, w.x, type);
        int g = w.gates * n;
        Gemm.gemm(type, false, true, mb * steps, g, nIn, w.x.row(0), nIn, Gemm.of(weight), nIn, 0.0, w.projections().row(0), g);
    }

    /**
     * The forward steps: for t > 0 the recurrent GEMM H_{t-1} RW, added to step t's rows of {@code into} when
     * {@code accumulate}, else written to its first rows; then the kernel's step.
     */
    static void forwardSteps(RecurrentWork w, INDArray recurrentWeight, NativeRows into, boolean accumulate) {
        Pointer rwT = Gemm.of(recurrentWeight);
        int mb = w.mb;
        int g = w.gates * w.n;
        w.kernel.beginForward();
        for (int t = 0; t < w.steps; t++) {
            if (t > 0) {
                Gemm.gemm(w.type, false, true, mb, g, w.n, w.h.row((t - 1) * mb), w.n, rwT, w.n,
                        accumulate ? 1.0 : 0.0, into.row(accumulate ? t * mb : 0), g);
            }
            w.kernel.forward(t);
        }
    }

    /** [mb, n, T] f-order activations from the work's outputs. */
    static INDArray output(RecurrentWork w, LayerWorkspaceMgr workspaceMgr) {
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, w.type,
                new long[] {w.mb, w.n, w.steps}, 'f');
        NcwCopy.ofThread().toNcw(w.h, out, w.type);
        return out;
    }

    /**
     * Backprop through time: epsilon to rows, then per step (last first) the kernel's gate gradients and
     * dh_{t-1} += dZr_t RW^T straight into the step's epsilon rows.
     */
    static void backwardSteps(RecurrentWork w, INDArray epsilon, INDArray recurrentWeight) {
        w.prepareBackward();
        NcwCopy.ofThread().fromNcw(epsilon, w.epsRows, w.type);
        Pointer rw = Gemm.of(recurrentWeight);
        int mb = w.mb;
        int g = w.gates * w.n;
        NativeRows dzRecurrent = w.recurrentGradients();
        w.kernel.beginBackward();
        for (int t = w.steps - 1; t >= 0; t--) {
            w.kernel.backward(t);
            if (t > 0) {
                Gemm.gemm(w.type, false, false, mb, w.n, g, dzRecurrent.row(t * mb), g, rw, w.n, 1.0,
                        w.epsRows.row((t - 1) * mb), w.n);
            }
        }
        w.kernel.endBackward();
    }

    /** dW^T = dZ^T X and dRW^T = dZr[1..]^T H[..T-1], one GEMM each over all steps; the bias gradient. */
    static void weightGradients(RecurrentWork w, INDArray gW, INDArray gRW, INDArray gB) {
        NativeRows dzInput = w.projections();
        NativeRows dzRecurrent = w.recurrentGradients();
        int g = w.gates * w.n;
        int rows = w.mb * w.steps;
        Gemm.gemm(w.type, true, false, g, w.nIn, rows, dzInput.row(0), g, w.x.row(0), w.nIn, 0.0, Gemm.of(gW), w.nIn);
        if (w.steps > 1) {
            Gemm.gemm(w.type, true, false, g, w.n, rows - w.mb, dzRecurrent.row(w.mb), g, w.h.row(0), w.n, 0.0,
                    Gemm.of(gRW), w.n);
        } else {
            gRW.assign(0);
        }
        Gemm.put(gB, w.biasGrad, g);
    }

    /** dX = dZ W^T over all steps, as DL4J's [mb, nIn, T] epsilon for the layer below. */
    static INDArray inputGradient(RecurrentWork w, INDArray weight, LayerWorkspaceMgr workspaceMgr) {
        NativeRows dzInput = w.projections();
        int g = w.gates * w.n;
        Gemm.gemm(w.type, false, false, w.mb * w.steps, w.nIn, g, dzInput.row(0), g, Gemm.of(weight), w.nIn, 0.0,
                w.dx.row(0), w.nIn);
        INDArray eps = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, w.type,
                new long[] {w.mb, w.nIn, w.steps}, 'f');
        NcwCopy.ofThread().toNcw(w.dx, eps, w.type);
        return eps;
    }
}
