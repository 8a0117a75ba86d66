package dev.lstmtuner.report;

import dev.lstmtuner.analysis.AbComparison;
import dev.lstmtuner.analysis.AbTable;

import java.util.ArrayList;
import java.util.List;

/**
 * The report's "A/B plans" section: each plan campaign's table ({@link AbTable}) as the terminal shows it, one row
 * per arm and persistence beside them, then each variant's verdict with its two tests.
 */
final class AbSection {
    private AbSection() {
    }

    private static List<String> head(AbTable t) {
        return List.of("#", "arm", "change vs baseline", t.objective() + " (val)", "test MAE", "test RMSE", "skill",
                "vs baseline");
    }

    private static List<List<String>> rows(AbTable t) {
        List<List<String>> out = new ArrayList<>();
        int i = 1;
        for (AbTable.Row r : t.rows()) {
            out.add(List.of(String.valueOf(i++), r.arm() + (r.chosen() ? " ← chosen" : ""), r.change(),
                    r.objective().text(), r.mae().text(), r.rmse().text(), r.skill().text(),
                    r.vsBaseline() == null ? "(the baseline)" : r.vsBaseline().words()));
        }
        out.add(List.of("", "persistence", "next close = last close", "–", t.persistenceMae().text(),
                t.persistenceRmse().text(), "0", ""));
        return out;
    }

    private static List<String> reasons(AbTable t) {
        List<String> out = new ArrayList<>();
        for (AbTable.Row r : t.rows()) {
            AbComparison c = r.vsBaseline();
            if (c != null) out.add(r.arm() + ": " + c.words() + " (" + c.reason() + ")");
        }
        return out;
    }

    private static String rule(AbTable t) {
        return "Mean ± sd over " + t.seeds() + " seeds per arm, the same seeds for every arm; arms ranked on"
                + " validation, test columns reported, never used to choose."
                + (t.correction() == null ? "" : " " + t.correction() + ".");
    }

    static void markdown(StringBuilder m, List<AbTable> plans) {
        if (plans.isEmpty()) return;
        m.append("## A/B plans\n\n");
        for (AbTable t : plans) {
            m.append("### ").append(Text.md(t.campaign())).append("\n\n").append(Text.md(rule(t))).append("\n\n");
            MarkdownReport.table(m, head(t), rows(t));
            for (String s : reasons(t)) m.append("- ").append(Text.md(s)).append('\n');
            m.append('\n');
        }
    }

    static void html(StringBuilder h, List<AbTable> plans) {
        if (plans.isEmpty()) return;
        h.append("<h2>A/B plans</h2>");
        for (AbTable t : plans) {
            h.append("<h3>").append(Text.html(t.campaign())).append("</h3><p class=\"muted\">")
                    .append(Text.html(rule(t))).append("</p><table class=\"ab-plan\"><thead><tr>");
            for (String c : head(t)) h.append("<th>").append(Text.html(c)).append("</th>");
            h.append("</tr></thead><tbody>");
            for (List<String> row : rows(t)) {
                h.append("<tr>");
                for (String c : row) h.append("<td>").append(Text.html(c)).append("</td>");
                h.append("</tr>");
            }
            h.append("</tbody></table><ul>");
            for (String s : reasons(t)) h.append("<li>").append(Text.html(s)).append("</li>");
            h.append("</ul>\n");
        }
    }
}
