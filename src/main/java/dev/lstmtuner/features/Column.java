package dev.lstmtuner.features;

/**
 * One computed feature over the whole series: {@code values[i]} is the feature at bar i, and the first
 * {@code warmup} bars are not trustworthy (too little history, or an exponential average still converging).
 */
record Column(String name, int warmup, double[] values) {
}
