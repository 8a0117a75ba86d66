package dev.lstmtuner.cli;

import dev.lstmtuner.analysis.PooledVsOwn;
import dev.lstmtuner.search.Experiment;
import dev.lstmtuner.search.PooledCampaign;
import dev.lstmtuner.store.Store;

import java.io.PrintWriter;
import java.nio.file.Path;

/** search's end report of a pooled experiment: "one model for all" vs "one model each", per symbol. */
final class PooledView {
    private PooledView() {
    }

    /** Trains the group's pooled model (its campaigns have ended) and prints the comparison. */
    static void trainAndPrint(Store store, Experiment e, String base, Path artifacts, PrintWriter out) {
        out.println();
        if (!PooledCampaign.train(store, e, base, artifacts, out)) return;
        for (PooledVsOwn.Comparison c : PooledVsOwn.of(store, base)) {
            if (c.pooledCampaign().equals(PooledCampaign.name(base))) print(c, out);
        }
        out.flush();
    }

    static void print(PooledVsOwn.Comparison c, PrintWriter out) {
        out.println("one model for all (" + c.pooledTrial() + ") vs one model each (each symbol's best own trial,"
                + " chosen on validation), on each symbol's test windows:");
        TextTable t = new TextTable("symbol", "all: RMSE", "all: skill", "all vs persistence", "own trial",
                "own: RMSE", "own: skill", "own vs persistence", "n", "p (Holm)", "all vs own")
                .right(1, 2, 5, 6, 8, 9);
        for (PooledVsOwn.Row r : c.rows()) {
            t.row(r.symbol(), Fmt.num(r.pooledRmse()), Fmt.num(r.pooledSkill()), kind(r.pooledVerdictKind()),
                    r.ownTrial() == null ? "-" : r.ownTrial(), Fmt.num(r.ownRmse()), Fmt.num(r.ownSkill()),
                    kind(r.ownVerdictKind()), r.n() == null ? "-" : String.valueOf(r.n()), Fmt.num(r.pHolm()),
                    r.better() == null ? (r.error() == null ? "no real difference" : "not tested")
                            : "pooled".equals(r.better()) ? "all better" : "own better");
        }
        out.print(t.render());
        for (PooledVsOwn.Row r : c.rows()) out.println("  " + r.symbol() + ": " + (r.error() != null ? r.error() : r.verdict()));
        out.println(c.summary());
    }

    private static String kind(String verdictKind) {
        return verdictKind == null ? "-" : verdictKind.replace('_', ' ');
    }
}
