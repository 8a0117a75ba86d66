/**
 * The trial vocabulary every layer shares: a trial's life cycle ({@link dev.lstmtuner.result.TrialState}), an
 * objective's direction, the epoch, fold, forecast and final metric records, and the epoch listener. The ground
 * floor: it depends on nothing above {@code config} and {@code stats}; {@code store}, {@code train}, {@code search}
 * and the views all read it.
 */
package dev.lstmtuner.result;
