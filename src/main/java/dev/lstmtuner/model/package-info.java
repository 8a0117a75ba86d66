/**
 * The forecaster's architecture: building a DL4J network from a run config, and the fast recurrent layers (LSTM and
 * GRU). DL4J appears only here and in train.
 */
package dev.lstmtuner.model;
