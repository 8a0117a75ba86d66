package dev.lstmtuner.model;

import dev.lstmtuner.config.RunConfig;

/**
 * The floating-point work of one epoch of a recurrent network, counted in its matrix products (the gate maths
 * between them is a few percent at the tutorial's sizes and is left out, so this is a floor): per layer and
 * direction, each of the window's steps multiplies the layer input and the previous state into {@code gates × units}
 * pre-activations, 2·N·T·g·u·(in + u) flops forward; training adds the two products of the backward pass (the
 * input gradient and the weight gradient), three times the forward in all. The epoch time divided by this count at
 * the machine's sgemm rate is the roofline ratio {@code EpochBench} prints.
 */
public final class EpochFlops {
    private EpochFlops() {
    }

    /** Flops of one training epoch over {@code windows} training windows (forward and backward). */
    public static double training(RunConfig c, int features, int windows) {
        return 3 * forward(c, features, windows);
    }

    /** Flops of one forward pass over {@code windows} windows (the validation pass, predict). */
    public static double forward(RunConfig c, int features, int windows) {
        int gates = gates(c.model());
        int dirs = c.bidirectional() ? 2 : 1;
        double perWindow = 0;
        double in = features;
        for (int units : c.units()) {
            perWindow += dirs * 2.0 * c.timeSteps() * gates * units * (in + units);
            in = (double) units * dirs;
        }
        double head = c.denseUnits() > 0 ? 2.0 * (in * c.denseUnits() + c.denseUnits()) : 2.0 * in;
        return windows * (perWindow + head);
    }

    private static int gates(String family) {
        return switch (family) {
            case "lstm" -> 4;
            case "gru" -> 3;
            case "rnn" -> 1;
            default -> throw new IllegalArgumentException("flops are counted for the recurrent families "
                    + RunConfig.RECURRENT + ", not " + family);
        };
    }
}
