package dev.lstmtuner.web;

import dev.lstmtuner.analysis.Verdict;

import java.util.List;
import java.util.Locale;

/**
 * The per-family view of one or more campaigns of one symbol that share an objective: a row per model family, the
 * best first by that objective, then the families without a complete trial. {@code note} says in one sentence
 * whether any family beats persistence (plainly, when none does).
 */
public record FamilyView(List<String> campaigns, String symbol, String objective, String direction,
                         List<FamilyRow> families, int ranked, int beatPersistence, String note) {

    static FamilyView of(List<String> campaigns, String symbol, String objective, String direction,
                         List<FamilyRow> rows) {
        List<FamilyRow> ranked = rows.stream().filter(r -> r.rank() != null).toList();
        List<String> beats = ranked.stream().filter(FamilyView::beats).map(FamilyRow::family).toList();
        return new FamilyView(campaigns, symbol, objective, direction, rows, ranked.size(), beats.size(),
                note(rows, ranked, beats));
    }

    private static boolean beats(FamilyRow r) {
        return Verdict.Kind.BEATS.name().toLowerCase(Locale.ROOT).equals(r.verdictKind());
    }

    static String note(List<FamilyRow> rows, List<FamilyRow> ranked, List<String> beats) {
        if (rows.isEmpty()) return "No trials yet, so there is no model family to compare.";
        if (ranked.isEmpty()) return "No model family has a complete trial yet, so none can be compared with persistence.";
        if (beats.isEmpty()) {
            return "No model family beats persistence: no family's best trial forecasts the test windows better than"
                    + " the last price with a Diebold–Mariano p < 0.05 after Holm's correction, so on these data predicting \"no change\" is"
                    + " as good as any model searched here.";
        }
        return beats.size() + " of " + ranked.size() + " model famil" + (ranked.size() == 1 ? "y beats" : "ies beat")
                + " persistence (Diebold–Mariano p < 0.05 on the test windows after Holm's correction across each"
                + " campaign's COMPLETE trials): " + String.join(", ", beats) + ".";
    }
}
