package dev.lstmtuner.web;

import dev.lstmtuner.store.Trial;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The multi-symbol view: a campaign group is the campaigns whose names start with the group prefix (all campaigns
 * when none is given); per symbol it keeps the best trial by its campaign's objective (a validation metric: choosing by a test metric
 * would select on the test split that the table then reports).
 */
public final class SymbolTable {
    private final LeaderboardService service;

    public SymbolTable(LeaderboardService service) {
        this.service = service;
    }

    public List<SymbolRow> rows(String group) {
        Map<String, SymbolRow> bySymbol = new LinkedHashMap<>();
        for (CampaignRow c : service.campaigns(null)) {
            if (group != null && !group.isBlank() && !c.name().startsWith(group)) continue;
            if (c.bestId() == null) continue;
            Trial t = service.trial(c.bestId());
            Map<String, Double> m = TrialRow.metrics(t);
            SymbolRow row = new SymbolRow(c.symbol(), c.name(), t.id(), t.number(), TrialRow.finite(t.objective()),
                    m.get("test_mae"), m.get("test_rmse"), m.get("test_r2"), m.get("test_mape"),
                    m.get("direction_accuracy"), m.get("persistence_rmse"), m.get("skill"),
                    m.get("training_seconds"), m.get("epochs"));
            bySymbol.merge(c.symbol(), row, (old, neu) ->
                    neu.objective() != null && (old.objective() == null || neu.objective() < old.objective()) ? neu : old);
        }
        List<SymbolRow> out = new ArrayList<>(bySymbol.values());
        out.sort(java.util.Comparator.comparing(SymbolRow::symbol));
        return out;
    }
}
