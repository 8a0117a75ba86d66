package dev.lstmtuner.analysis.diagnosis;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a diagnosis says about a trial; {@link #key()} is its spelling in the API, {@code --json} and filters. */
public enum DiagnosisKind {
    OVERFITTING, UNDERFITTING, UNSTABLE, TOO_SLOW, LEARNED_NOTHING, NOT_ENOUGH_EPOCHS;

    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind spelled {@code key} (case and dashes ignored), empty when there is none. */
    public static Optional<DiagnosisKind> byKey(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(v -> v.key().equals(k)).findFirst();
    }

    /** Every key, comma-separated, for error messages. */
    public static String keys() {
        return Arrays.stream(values()).map(DiagnosisKind::key).collect(Collectors.joining(", "));
    }
}
