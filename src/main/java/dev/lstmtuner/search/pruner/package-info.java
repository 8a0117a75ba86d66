/** Pruners (none, median, ASHA) that stop unpromising trials after an epoch; pure functions of the curves so far. */
package dev.lstmtuner.search.pruner;
