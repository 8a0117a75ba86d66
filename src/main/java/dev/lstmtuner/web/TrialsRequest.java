package dev.lstmtuner.web;

import dev.lstmtuner.analysis.diagnosis.DiagnosisKind;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.TrialPosition;

import java.util.Map;

/**
 * One leaderboard request: sort key (null = objective) and order (null = best first), optional state, symbol and
 * inclusive ranges per param or metric ({@code [min, max]}, either end null), optional diagnosis, and the page: {@code limit} rows
 * from {@code offset}, or, from a keyset cursor, the rows just after {@code after} ({@code offset} then says how
 * many rows came before them).
 */
public record TrialsRequest(String campaign, String sort, Boolean descending, TrialState state, String symbol,
                            Map<String, Double[]> ranges, DiagnosisKind diagnosis, int limit, int offset,
                            TrialPosition after) {

    /** The same request for another page, by offset. */
    TrialsRequest page(int newLimit, int newOffset) {
        return new TrialsRequest(campaign, sort, descending, state, symbol, ranges, diagnosis, newLimit, newOffset, null);
    }

    boolean filtered() {
        return symbol != null || !ranges.isEmpty() || diagnosis != null;
    }

    String cacheKey() {
        StringBuilder b = new StringBuilder("trials|").append(campaign).append('|').append(sort).append('|')
                .append(descending).append('|').append(state).append('|').append(symbol).append('|').append(diagnosis).append('|')
                .append(limit).append('|').append(offset).append('|').append(after);
        ranges.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                b.append('|').append(e.getKey()).append('=').append(e.getValue()[0]).append(',').append(e.getValue()[1]));
        return b.toString();
    }
}
