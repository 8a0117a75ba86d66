/**
 * Trial diagnoses from the tutorial's tuning guide (sections 6-7: how to read the two loss curves and what to
 * change): one rule per file, each with the tutorial's remedy, and {@link dev.lstmtuner.analysis.diagnosis.Diagnoses}
 * as the one entry point that the trial page, {@code show}, the report and the leaderboard's filter render.
 * Thresholds and their measured false-alarm and detection rates are in docs/diagnoses.md.
 */
package dev.lstmtuner.analysis.diagnosis;
