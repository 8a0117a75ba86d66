package dev.lstmtuner.cli;

import dev.lstmtuner.analysis.CampaignVerdicts;
import dev.lstmtuner.analysis.ConfirmedFront;
import dev.lstmtuner.analysis.ParetoFront;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.Store;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** How the terminal shows a multi-objective campaign's Pareto front and its confirmed front (search's end report). */
final class ParetoView {
    private ParetoView() {
    }

    /** Prints nothing for a campaign with one objective. */
    static void print(Store store, Campaign c, PrintWriter out) {
        ParetoFront front = ParetoFront.of(store, c);
        if (!front.objectives().multi()) return;
        List<Objective> obj = front.objectives().list();
        out.println();
        out.println("Pareto front: " + front.front().size() + " of " + front.points().size() + " completed trials are"
                + " non-dominated on " + String.join(", ", front.objectives().keys()) + ":");
        List<Object> head = new ArrayList<>(List.of("TRIAL"));
        obj.forEach(o -> head.add(o.key() + " (" + o.direction().label() + ")"));
        TextTable t = new TextTable(head.stream().map(String::valueOf).toArray(String[]::new));
        for (ParetoFront.Point p : front.front()) {
            List<Object> row = new ArrayList<>(List.of(p.trial().label()));
            for (double v : p.values()) row.add(Fmt.num(v));
            t.row(row.toArray());
        }
        out.print(t.render());
        if (front.timed()) out.println("note: " + ParetoFront.NOT_REPRODUCIBLE);
        ConfirmedFront confirmed = ConfirmedFront.of(store, front, CampaignVerdicts.of(store, c.name()));
        if (!confirmed.started()) return;
        out.println("confirmed front (means over fresh seeds; the selected run apart): " + confirmed.confirmed().size()
                + " of " + confirmed.members().size() + " members stay non-dominated");
        for (ConfirmedFront.Member m : confirmed.members()) {
            StringBuilder means = new StringBuilder();
            for (int k = 0; k < obj.size(); k++) {
                means.append(k == 0 ? "" : ", ").append(obj.get(k).key()).append(' ').append(Fmt.num(m.means()[k]));
            }
            out.println("  " + (m.confirmed() ? "✓ " : "✗ ") + m.original().label() + ": " + m.fresh().size()
                    + " fresh runs, " + means + "; " + m.verdictWords());
        }
    }
}
