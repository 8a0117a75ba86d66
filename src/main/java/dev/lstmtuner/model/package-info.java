/**
 * The LSTM forecaster's architecture: building a DL4J network from a run config, and the fast recurrent layer. DL4J appears only here and in train.
 */
package dev.lstmtuner.model;
