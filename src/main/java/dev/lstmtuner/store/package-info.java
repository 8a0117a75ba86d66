/**
 * The experiment store: campaigns, trials, epoch curves, final metrics, artifacts and provenance, behind one Store
 * interface with an in-memory implementation and a JDBC one (H2 or PostgreSQL, see JdbcStore). JDBC appears only here.
 */
package dev.lstmtuner.store;
