/**
 * Statistics shared by training and the analysis layer: the Diebold–Mariano test of equal forecast accuracy. Pure
 * functions over arrays; no store, no DL4J (the verdicts in words are {@code analysis.Verdict}'s).
 */
package dev.lstmtuner.stats;
