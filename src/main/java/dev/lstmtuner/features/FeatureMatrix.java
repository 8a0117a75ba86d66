package dev.lstmtuner.features;

import java.util.List;

/**
 * Causal features of a series: {@code values[i][j]} is feature {@code names[j]} at series bar
 * {@code firstRow + i}, computed from bars {@code <= firstRow + i} only. The first {@code firstRow} bars are the
 * warm-up that the slowest indicator could not fill: dropped explicitly, and counted.
 */
public record FeatureMatrix(List<String> names, double[][] values, int firstRow) {
    public int rows() {
        return values.length;
    }

    public int width() {
        return names.size();
    }
}
