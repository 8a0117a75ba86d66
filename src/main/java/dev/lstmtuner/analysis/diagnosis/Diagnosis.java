package dev.lstmtuner.analysis.diagnosis;

/**
 * One finding about a trial: its kind, what was seen (with the test's numbers), the tutorial's remedy (null for
 * "not enough epochs", which has none), and the epoch where the pattern starts (null when it has no start, e.g. for
 * forecast findings), for a chart marker.
 */
public record Diagnosis(DiagnosisKind kind, String text, String remedy, Integer fromEpoch) {
}
