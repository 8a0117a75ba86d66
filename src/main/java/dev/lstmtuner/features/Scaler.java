package dev.lstmtuner.features;

/**
 * A per-column affine scaler, {@code scaled = (x - shift) / scale}, fitted on the training split only.
 * {@code kind} is standard (mean, std) or minmax (min, max - min).
 */
public record Scaler(String kind, double[] shift, double[] scale) {

    public double apply(int column, double x) {
        return (x - shift[column]) / scale[column];
    }

    public double invert(int column, double scaled) {
        return scaled * scale[column] + shift[column];
    }
}
