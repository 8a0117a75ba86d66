package dev.lstmtuner.model;

/**
 * A cell's gate maths for one data type, between the layer's GEMMs: the layer runs the input projection and, per
 * step, the recurrent GEMM, then {@link #forward}; in backprop {@link #backward} and then the GEMM that adds the
 * step's recurrent part to dh_{t-1}. Float kernels vectorise ({@link FloatLoops}); double kernels are plain loops
 * for the double-precision gradient checks.
 */
interface StepKernel {
    /** Before step 0 of a forward pass (bias and work buffers sized). */
    void beginForward();

    /** Gate maths of step t over the step's pre-activations; stores what backprop needs. */
    void forward(int t);

    /** Before the last step of a backward pass. */
    void beginBackward();

    /** Gate gradients of step t from its whole dh_t (in the work's epsRows); writes the dZ rows the GEMMs read. */
    void backward(int t);

    /** After step 0: the bias gradients into the work's double arrays. */
    void endBackward();
}
