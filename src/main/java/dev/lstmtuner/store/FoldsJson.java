package dev.lstmtuner.store;

import dev.lstmtuner.result.FoldMetrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.List;

/** A trial's walk-forward fold results as stored: JSON text (null when the run had a single split). */
final class FoldsJson {
    // NaN scores (R² of a constant series) round-trip; fields added to FoldMetrics later read old rows as null/0
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private FoldsJson() {
    }

    static String write(List<FoldMetrics> folds) {
        try {
            return MAPPER.writeValueAsString(folds);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("fold metrics cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static List<FoldMetrics> read(String json) {
        if (json == null) return List.of();
        try {
            return MAPPER.readValue(json, new TypeReference<List<FoldMetrics>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored fold metrics are not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
