/**
 * Search campaigns: search spaces, samplers (grid, random, genetic via Arbiter, TPE) and pruners (median, ASHA), each a pure function of (space, past trials); the coordinator and workers.
 */
package dev.lstmtuner.search;
