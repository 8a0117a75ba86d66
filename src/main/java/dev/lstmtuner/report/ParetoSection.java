package dev.lstmtuner.report;

import dev.lstmtuner.analysis.CampaignVerdicts;
import dev.lstmtuner.analysis.ConfirmedFront;
import dev.lstmtuner.analysis.ParetoFront;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.Store;

import java.util.ArrayList;
import java.util.List;

/**
 * The report's Pareto section, for each campaign with several objectives: the front as a table and (HTML) as a
 * scatter of the first two objectives with the front drawn and dominated trials faded, then the confirmed front with
 * each member's verdict against persistence. Only formats {@link ParetoFront} and {@link ConfirmedFront}.
 */
final class ParetoSection {
    /** One multi-objective campaign's front and its confirmation. */
    record Part(String campaign, ParetoFront front, ConfirmedFront confirmed) {
    }

    private ParetoSection() {
    }

    static List<Part> of(Store store, List<Campaign> campaigns) {
        List<Part> out = new ArrayList<>();
        for (Campaign c : campaigns) {
            ParetoFront front = ParetoFront.of(store, c);
            if (!front.objectives().multi()) continue;
            out.add(new Part(c.name(), front, ConfirmedFront.of(store, front, CampaignVerdicts.of(store, c.name()))));
        }
        return out;
    }

    static void markdown(StringBuilder m, List<Part> parts) {
        for (Part p : parts) {
            m.append("## Pareto front: ").append(Text.md(p.campaign())).append("\n\n");
            m.append(Text.md(intro(p))).append("\n\n");
            if (p.front().timed()) m.append("> ").append(Text.md(ParetoFront.NOT_REPRODUCIBLE)).append(".\n\n");
            List<Objective> obj = p.front().objectives().list();
            m.append("| trial |");
            for (Objective o : obj) m.append(' ').append(Text.md(o.key())).append(" (").append(o.direction().label()).append(") |");
            m.append("\n|---|").append("---:|".repeat(obj.size())).append('\n');
            for (ParetoFront.Point pt : p.front().front()) {
                m.append("| ").append(Text.md(pt.trial().label())).append(" |");
                for (double v : pt.values()) m.append(' ').append(Text.num(v)).append(" |");
                m.append('\n');
            }
            m.append('\n');
            if (!p.confirmed().started()) continue;
            m.append("Confirmed front (means over fresh seeds; the selected run apart):\n\n| trial | fresh runs |");
            for (Objective o : obj) m.append(" mean ").append(Text.md(o.key())).append(" |");
            m.append(" confirmed | vs persistence |\n|---|---:|").append("---:|".repeat(obj.size())).append("---|---|\n");
            for (ConfirmedFront.Member c : p.confirmed().members()) {
                m.append("| ").append(Text.md(c.original().label())).append(" | ").append(c.fresh().size()).append(" |");
                for (double v : c.means()) m.append(' ').append(Text.num(v)).append(" |");
                m.append(c.confirmed() ? " yes |" : " no |").append(' ').append(Text.md(c.verdictWords())).append(" |\n");
            }
            m.append('\n');
        }
    }

    static void html(StringBuilder h, List<Part> parts) {
        for (Part p : parts) {
            h.append("<h2 id=\"pareto-").append(Text.html(p.campaign())).append("\">Pareto front: ")
                    .append(Text.html(p.campaign())).append("</h2><p>").append(Text.html(intro(p))).append("</p>");
            if (p.front().timed()) h.append("<p class=\"flag\">").append(Text.html(ParetoFront.NOT_REPRODUCIBLE)).append(".</p>");
            List<Objective> obj = p.front().objectives().list();
            h.append(SvgScatter.draw(p.front()));
            h.append("<table class=\"pareto\"><thead><tr><th class=\"text\">trial</th>");
            for (Objective o : obj) h.append("<th>").append(Text.html(o.key() + " (" + o.direction().label() + ")")).append("</th>");
            h.append("</tr></thead><tbody>");
            for (ParetoFront.Point pt : p.front().front()) {
                h.append("<tr><td class=\"text\">").append(Text.html(pt.trial().label())).append("</td>");
                for (double v : pt.values()) h.append("<td>").append(Text.html(Text.num(v))).append("</td>");
                h.append("</tr>");
            }
            h.append("</tbody></table>");
            if (!p.confirmed().started()) continue;
            h.append("<h3>Confirmed front (means over fresh seeds)</h3><table class=\"confirmed-front\"><thead><tr>")
                    .append("<th class=\"text\">trial</th><th>fresh runs</th>");
            for (Objective o : obj) h.append("<th>mean ").append(Text.html(o.key())).append("</th>");
            h.append("<th class=\"text\">confirmed</th><th class=\"text\">vs persistence</th></tr></thead><tbody>");
            for (ConfirmedFront.Member c : p.confirmed().members()) {
                h.append("<tr><td class=\"text\">").append(Text.html(c.original().label())).append("</td><td>")
                        .append(c.fresh().size()).append("</td>");
                for (double v : c.means()) h.append("<td>").append(Text.html(Text.num(v))).append("</td>");
                h.append("<td class=\"text\">").append(c.confirmed() ? "yes" : "no").append("</td><td class=\"verdict\">")
                        .append(Text.html(c.verdictWords())).append("</td></tr>");
            }
            h.append("</tbody></table>");
        }
    }

    private static String intro(Part p) {
        return p.front().front().size() + " of " + p.front().points().size() + " completed trials are non-dominated on "
                + String.join(", ", p.front().objectives().keys()) + " (none is at least as good on every objective"
                + " and better on one); a pruner, where the campaign has one, judged " + p.front().objectives().primary().key()
                + " alone.";
    }
}
