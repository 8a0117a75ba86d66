/**
 * Training one configuration: mini-batch epochs, early stopping, epoch listeners (progress, store, pruners), NaN detection, and the honest evaluation beside the persistence baseline.
 */
package dev.lstmtuner.train;
