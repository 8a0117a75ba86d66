/**
 * Causal technical features (ta4j), sliding windows, the chronological train/val/test split and scalers fitted on the training split only. Nothing here may look ahead of a window's last bar.
 */
package dev.lstmtuner.features;
