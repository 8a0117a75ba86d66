/**
 * Pruners (none, median, ASHA, patient) that stop unpromising trials after an epoch; pure functions of the curves
 * so far.
 */
package dev.lstmtuner.search.pruner;
