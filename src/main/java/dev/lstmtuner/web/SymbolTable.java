package dev.lstmtuner.web;

import dev.lstmtuner.analysis.GroupBest;
import dev.lstmtuner.analysis.PooledVsOwn;
import dev.lstmtuner.analysis.SymbolLabel;
import dev.lstmtuner.store.Trial;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The multi-symbol view: a campaign group is the campaigns whose names start with the group prefix (all campaigns
 * when none is given); per symbol it shows the best of the campaigns' best trials ({@link GroupBest}: in the
 * campaigns' direction, the confirmed winner's fresh mean where there is one), chosen by the objective (a validation
 * metric: choosing by a test metric would select on the test split that the table then reports).
 */
public final class SymbolTable {
    private final LeaderboardService service;

    public SymbolTable(LeaderboardService service) {
        this.service = service;
    }

    public List<SymbolRow> rows(String group) {
        List<GroupBest.Candidate> candidates = new ArrayList<>();
        for (CampaignRow c : service.campaigns(null)) {
            if (group != null && !group.isBlank() && !c.name().startsWith(group)) continue;
            // the model for all symbols has no symbol of its own: PooledTable shows it beside each symbol's
            if (PooledVsOwn.SYMBOL.equals(c.symbol())) continue;
            service.best(c.name()).ifPresent(b ->
                    candidates.add(GroupBest.Candidate.of(SymbolLabel.of(b.trial(), c.symbol()), b)));
        }
        List<SymbolRow> out = new ArrayList<>();
        for (GroupBest.Group g : GroupBest.of(candidates)) {
            if (g.best() == null) continue;
            Trial t = g.best().trial();
            Map<String, Double> m = TrialRow.metrics(t);
            TrialRow tested = service.row(t, null, null, null);   // corrected verdict, direction test: the rows' own
            out.add(new SymbolRow(g.key(), t.campaign(), t.id(), t.number(), TrialRow.finite(t.objective()),
                    m.get("test_mae"), m.get("test_rmse"), m.get("test_r2"), m.get("test_mape"),
                    m.get("direction_accuracy"), m.get("persistence_rmse"), m.get("skill"),
                    m.get("training_seconds"), m.get("epochs"), g.rankedBy(), tested.verdict(), tested.verdictKind(),
                    tested.directionTest()));
        }
        return out;
    }
}
