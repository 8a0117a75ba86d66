package dev.lstmtuner.analysis.diagnosis;

/**
 * A trial's test-split forecasts as the forecast rules read them: per window the last close (the persistence
 * forecast), the model's forecast and the actual price. Views build it from the trial's predictions artifact.
 */
public record Forecasts(double[] lastClose, double[] predicted, double[] actual) {
    public Forecasts {
        if (lastClose.length != predicted.length || predicted.length != actual.length) {
            throw new IllegalArgumentException("forecasts need as many last closes, forecasts and actual prices: got "
                    + lastClose.length + ", " + predicted.length + " and " + actual.length);
        }
    }

    public int size() {
        return predicted.length;
    }
}
