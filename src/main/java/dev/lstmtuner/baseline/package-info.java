/**
 * The non-neural model families a campaign can search beside the recurrent networks: {@code linear} (ridge
 * regression on the flattened, scaled window) and {@code forest} (a random forest of regression trees on the window's last bar, Tribuo).
 * They see the same windows, split and train-only scalers as the networks, and predict the same scaled target, so
 * {@code train} scores them beside persistence exactly as it scores an LSTM. No DL4J here.
 */
package dev.lstmtuner.baseline;
