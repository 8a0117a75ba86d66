/**
 * Samplers (grid, random, genetic, TPE): each a pure function of (space, past trials, seed, trial number).
 * Grid, random and genetic run on Arbiter; TPE is ours.
 */
package dev.lstmtuner.search.sampler;
