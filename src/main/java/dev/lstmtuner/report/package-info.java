/**
 * Shareable reports over recorded campaigns ({@code lstm-tuner report}): the leaderboard's top trials, the
 * tutorial's tables (A/B of chosen trials with deltas and Diebold–Mariano verdicts, best per symbol, best per model
 * family), learning curves with the overfitting flag, predictions against actual prices and persistence, and
 * provenance. Reads the store and the trials' artifact files only; writes one self-contained HTML file (charts as
 * inline SVG, no script) or a Markdown summary.
 */
package dev.lstmtuner.report;
