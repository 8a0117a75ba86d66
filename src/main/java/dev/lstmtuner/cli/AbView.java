package dev.lstmtuner.cli;

import dev.lstmtuner.analysis.AbComparison;
import dev.lstmtuner.analysis.AbTable;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.search.LockboxGuard;
import dev.lstmtuner.search.plan.AbPlan;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;

import java.io.PrintWriter;
import java.util.Optional;

/** An A/B plan's table in the terminal, and its end: the lockbox, when there is one, scores the chosen arm. */
final class AbView {
    private AbView() {
    }

    static String table(AbTable t) {
        TextTable table = new TextTable("#", "arm", "change vs baseline", t.objective() + " (val)", "test MAE",
                "test RMSE", "skill", "vs baseline", "").right(0, 3, 4, 5, 6).maxWidth(70);
        int i = 1;
        for (AbTable.Row r : t.rows()) {
            table.row(i++, r.arm(), r.change(), r.objective().text(), r.mae().text(), r.rmse().text(), r.skill().text(),
                    r.vsBaseline() == null ? "(the baseline)" : r.vsBaseline().words(),
                    (r.chosen() ? "← chosen on validation" : "") + (r.pending() > 0 ? " " + r.pending() + " to run" : ""));
        }
        table.row("", "persistence", "next close = last close", "", t.persistenceMae().text(),
                t.persistenceRmse().text(), "0", "", "");
        StringBuilder sb = new StringBuilder(table.render());
        for (AbTable.Row r : t.rows()) {
            AbComparison c = r.vsBaseline();
            if (c != null) sb.append("  ").append(r.arm()).append(": ").append(c.words()).append(" (").append(c.reason()).append(")\n");
        }
        if (t.correction() != null) sb.append("  ").append(t.correction()).append('\n');
        sb.append("  mean ± sd over ").append(t.seeds()).append(" seeds per arm, the same seeds for every arm; arms are"
                + " ranked on validation, the test columns are reported, never used to choose\n");
        return sb.toString();
    }

    /**
     * The end of a plan campaign: its table, then the lockbox score of the chosen arm's run with the best validation
     * objective (THE best trial, as every view names it).
     */
    static void end(Store store, Campaign c, AbPlan plan, RunConfig base, boolean reopen, PrintWriter out) {
        AbTable t = AbTable.of(store, c, plan);
        out.println("A/B plan of campaign " + c.name() + ":");
        out.print(table(t));
        if (base.lockbox() != null) {
            Optional<Trial> run = Optional.ofNullable(t.chosenRun()).flatMap(n -> store.trial(c.name(), n));
            out.println();
            if (run.isEmpty()) {
                out.println("lockbox: not opened, no arm finished all its seeds");
            } else if (LockboxGuard.opened(store, c.name()) && !reopen) {
                out.println("lockbox: opened before, not scored again (add --reopen-lockbox to score the chosen arm)");
            } else {
                out.println("lockbox: scoring the chosen arm \"" + t.chosen() + "\" (trial " + run.get().label()
                        + ", its best run on validation) on the held-out bars, once");
                out.flush();
                LockboxView.score(store, c.name(), run.get(), reopen);
            }
            LockboxView.headline(store, c.name()).ifPresent(out::println);
        }
        out.flush();
    }
}
