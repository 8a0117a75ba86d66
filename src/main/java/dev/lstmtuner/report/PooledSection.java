package dev.lstmtuner.report;

import dev.lstmtuner.analysis.PooledVsOwn;

import java.util.ArrayList;
import java.util.List;

/** The report's "one model for all vs one model each" ({@link PooledVsOwn}), as Markdown and as HTML. */
final class PooledSection {
    private static final String TITLE = "One model for all vs one model each";
    private static final List<String> HEAD = List.of("symbol", "all: RMSE", "all: MAE", "all: skill",
            "all vs persistence", "own model", "own: RMSE", "own: MAE", "own: skill", "own vs persistence", "windows",
            "p", "p (Holm)", "all vs own");
    private static final String NOTE = "The model for all is trained once on every symbol's training windows (each"
            + " symbol scaled on its own training bars) with the experiment's config; each symbol's own model is the"
            + " best trial of its campaign, chosen on validation. Both are scored on the symbol's test windows in its"
            + " own prices; the paired test is Diebold–Mariano on the windows both forecast, Holm-corrected across"
            + " the symbols.";

    private PooledSection() {
    }

    static void markdown(StringBuilder m, List<PooledVsOwn.Comparison> comparisons) {
        for (PooledVsOwn.Comparison c : comparisons) {
            m.append("## ").append(TITLE).append(" (").append(Text.md(c.pooledTrial())).append(")\n\n");
            m.append(Text.md(c.summary())).append("\n\n|");
            HEAD.forEach(h -> m.append(' ').append(Text.md(h)).append(" |"));
            m.append("\n|");
            HEAD.forEach(h -> m.append("---|"));
            m.append('\n');
            for (PooledVsOwn.Row r : c.rows()) {
                m.append('|');
                cells(r).forEach(cell -> m.append(' ').append(Text.md(cell)).append(" |"));
                m.append('\n');
            }
            m.append('\n');
            for (PooledVsOwn.Row r : c.rows()) {
                m.append("- ").append(Text.md(r.symbol() + ": " + (r.error() != null ? r.error() : r.verdict()))).append('\n');
            }
            m.append('\n').append(Text.md(NOTE)).append("\n\n");
        }
    }

    static void html(StringBuilder h, List<PooledVsOwn.Comparison> comparisons) {
        for (PooledVsOwn.Comparison c : comparisons) {
            h.append("<h2>").append(TITLE).append(" (").append(Text.html(c.pooledTrial())).append(")</h2>");
            h.append("<p class=\"verdict\">").append(Text.html(c.summary())).append("</p>");
            h.append("<table class=\"pooled\"><thead><tr>");
            HEAD.forEach(x -> h.append("<th>").append(Text.html(x)).append("</th>"));
            h.append("</tr></thead><tbody>");
            for (PooledVsOwn.Row r : c.rows()) {
                h.append("<tr>");
                List<String> cells = cells(r);
                for (int i = 0; i < cells.size(); i++) {
                    boolean text = i == 0 || i == 4 || i == 5 || i == 9 || i == 13;
                    h.append(text ? "<td class=\"text\">" : "<td>").append(Text.html(cells.get(i))).append("</td>");
                }
                h.append("</tr>");
            }
            h.append("</tbody></table><ul>");
            for (PooledVsOwn.Row r : c.rows()) {
                h.append("<li>").append(Text.html(r.symbol() + ": " + (r.error() != null ? r.error() : r.verdict())))
                        .append("</li>");
            }
            h.append("</ul><p class=\"muted\">").append(Text.html(NOTE)).append("</p>\n");
        }
    }

    private static List<String> cells(PooledVsOwn.Row r) {
        List<String> out = new ArrayList<>(List.of(r.symbol(), Text.num(r.pooledRmse()), Text.num(r.pooledMae()),
                Text.num(r.pooledSkill()), dash(r.pooledVerdict()), dash(r.ownTrial()), Text.num(r.ownRmse()),
                Text.num(r.ownMae()), Text.num(r.ownSkill()), dash(r.ownVerdict())));
        out.add(r.n() == null ? "—" : String.valueOf(r.n()));
        out.add(Text.num(r.pValue()));
        out.add(Text.num(r.pHolm()));
        out.add(r.better() == null ? (r.error() == null ? "no real difference" : "not tested")
                : "pooled".equals(r.better()) ? "all better" : "own better");
        return out;
    }

    private static String dash(String s) {
        return s == null ? "—" : s;
    }
}
