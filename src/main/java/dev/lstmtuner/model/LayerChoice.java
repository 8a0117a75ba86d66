package dev.lstmtuner.model;

/**
 * The recurrent layer a network of a family is built with on a backend: what provenance records, since the fast
 * LSTM runs only on the CPU backend and another backend gets DL4J's own layer.
 *
 * @param family         the model family ("lstm", "gru", "rnn", "transformer")
 * @param implementation the layer class that runs ("fast", "stock", "SimpleRnn", "attention")
 * @param why            why that one when it is not the one asked for, else empty
 */
public record LayerChoice(String family, String implementation, String why) {

    /** One line for provenance and {@code show}: "lstm: stock (the fast layer needs the CPU backend, not JCublas)". */
    public String label() {
        return family + ": " + implementation + (why.isEmpty() ? "" : " (" + why + ")");
    }
}
