/**
 * Statistics shared by training, the CLI and the leaderboard: the Diebold–Mariano test of equal forecast accuracy
 * and the plain-words verdict of a model against persistence. Pure functions over arrays; no store, no DL4J.
 */
package dev.lstmtuner.stats;
