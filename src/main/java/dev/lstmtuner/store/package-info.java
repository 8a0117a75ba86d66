/**
 * The experiment store: campaigns, trials, epoch curves, final metrics, artifacts and provenance, behind one Store interface with in-memory and H2 (JDBC) implementations. JDBC appears only here.
 */
package dev.lstmtuner.store;
