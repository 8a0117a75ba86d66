package dev.lstmtuner.web;

import dev.lstmtuner.analysis.ConfirmedRanking;
import dev.lstmtuner.analysis.GroupBest;
import dev.lstmtuner.analysis.SymbolLabel;
import dev.lstmtuner.analysis.TrialConfig;
import dev.lstmtuner.config.ModelFamily;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.Trial;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The per-family view: the trials of the chosen campaigns grouped by model family ({@link ModelFamily}), each
 * family's best COMPLETE trial by the campaigns' objective (a validation metric: choosing by a test metric would
 * select on the test split the view reports). Confirmation runs count among a family's trials but are never its best:
 * they re-train a chosen trial with another seed and give its mean ± sd. The campaigns must share their objective
 * and forecast one symbol, else the ranking would compare different things (a 400 says which differ).
 */
public final class FamilyTable {
    /** The states a family's counts list, in this order. */
    static final List<TrialState> COUNTED = List.of(TrialState.COMPLETE, TrialState.PRUNED, TrialState.FAILED,
            TrialState.RUNNING, TrialState.WAITING);
    private final LeaderboardService service;

    public FamilyTable(LeaderboardService service) {
        this.service = service;
    }

    /**
     * @param campaignList comma-separated campaign names, or null with {@code group}
     * @param group        a campaign name prefix (the Symbols view's groups), or null with {@code campaignList}
     * @param symbol       only the trials forecasting this symbol; null for all (they must then be of one symbol)
     */
    public FamilyView view(String campaignList, String group, String symbol) {
        List<Campaign> campaigns = select(campaignList, group);
        Campaign first = campaigns.get(0);
        for (Campaign c : campaigns) {
            if (!c.objective().equals(first.objective()) || c.direction() != first.direction()) {
                throw ApiException.badParameter(campaignList != null ? "campaign" : "group", "the campaigns rank by"
                        + " different objectives (" + objective(first) + ", " + objective(c) + "): pick campaigns"
                        + " with one objective and direction to rank their model families");
            }
        }
        String wanted = symbol == null || symbol.isBlank() ? null : symbol.trim();
        List<String> names = campaigns.stream().map(Campaign::name).toList();
        return service.cache().get("families|" + names + "|" + wanted, () -> build(campaigns, wanted));
    }

    private static String objective(Campaign c) {
        return c.name() + ": " + c.objective() + " " + c.direction().label();
    }

    private List<Campaign> select(String campaignList, String group) {
        boolean byName = campaignList != null && !campaignList.isBlank();
        boolean byGroup = group != null && !group.isBlank();
        if (byName == byGroup) {
            throw ApiException.badParameter(byName ? "group" : "campaign", "give either campaign=NAME[,NAME…] or"
                    + " group=PREFIX (campaigns whose name starts with it), not " + (byName ? "both" : "neither"));
        }
        LinkedHashSet<String> names = new LinkedHashSet<>();
        if (byName) {
            for (String n : campaignList.split(",")) if (!n.isBlank()) names.add(n.trim());
        } else {
            service.campaigns(null).stream().map(CampaignRow::name).filter(n -> n.startsWith(group.trim())).sorted()
                    .forEach(names::add);
            if (names.isEmpty()) throw ApiException.notFound("no campaign name starts with '" + group.trim() + "'");
        }
        return names.stream().map(service::requireCampaign).toList();
    }

    private FamilyView build(List<Campaign> campaigns, String symbol) {
        Map<String, Family> families = new TreeMap<>();
        Map<String, String> symbols = new TreeMap<>();
        Map<Long, ConfirmedRanking.Arm> confirmed = new LinkedHashMap<>();
        List<GroupBest.Candidate> candidates = new ArrayList<>();
        Direction direction = campaigns.get(0).direction();
        for (Campaign c : campaigns) {
            JsonNode config = TrialConfig.parse(c.configJson());
            String campaignSymbol = SymbolLabel.of(config);
            service.confirmation(c.name()).arms().forEach(a -> confirmed.put(a.original().id(), a));
            for (Trial t : service.allTrials(c.name())) {
                String sym = SymbolLabel.of(t, campaignSymbol);
                if (symbol != null && !sym.equalsIgnoreCase(symbol)) continue;
                symbols.putIfAbsent(sym.toUpperCase(Locale.ROOT), sym);
                String family = ModelFamily.of(t.params(), config);
                families.computeIfAbsent(family, Family::new).add(t);
                if (t.state() == TrialState.COMPLETE) candidates.add(GroupBest.Candidate.of(family, c, t));
            }
        }
        if (symbols.size() > 1) {
            throw ApiException.badParameter("symbol", "these trials forecast " + symbols.size() + " symbols ("
                    + String.join(", ", new TreeSet<>(symbols.values())) + "): a family's best across symbols would"
                    + " compare different series; add symbol=" + symbols.values().iterator().next()
                    + " (the Symbols page compares symbols)");
        }
        for (GroupBest.Group g : GroupBest.of(candidates)) {
            if (g.best() == null) continue;
            Family f = families.get(g.key());
            f.best = g.best().trial();
            f.confirmation = confirmed.get(f.best.id());
        }
        List<Family> ranked = new ArrayList<>(families.values().stream().filter(f -> f.best != null).toList());
        Comparator<Family> byObjective = Comparator.comparingDouble(f -> direction.asLoss(f.best.objective()));
        ranked.sort(byObjective);
        List<FamilyRow> rows = new ArrayList<>();
        // the best trial's verdict as the leaderboard shows it: corrected across its campaign, raw p beside it
        for (int i = 0; i < ranked.size(); i++) rows.add(ranked.get(i).row(i + 1, service.row(ranked.get(i).best, null, null, null)));
        families.values().stream().filter(f -> f.best == null).forEach(f -> rows.add(f.row(null, null)));
        Campaign first = campaigns.get(0);
        return FamilyView.of(campaigns.stream().map(Campaign::name).toList(),
                symbols.isEmpty() ? symbol : symbols.values().iterator().next(), first.objective().key(),
                direction.label(), rows);
    }

    /** One family's trials as they are read: counts by state, its best searched trial and that one's confirmation. */
    private static final class Family {
        final String name;
        final Map<TrialState, Long> counts = new LinkedHashMap<>();
        int confirmationRuns;
        Trial best;
        ConfirmedRanking.Arm confirmation;

        Family(String name) {
            this.name = name;
            COUNTED.forEach(s -> counts.put(s, 0L));
        }

        void add(Trial t) {
            counts.merge(t.state(), 1L, Long::sum);
            if (t.confirmOf() != null) confirmationRuns++;
        }

        /** The family's row; {@code tested}: its best trial as the leaderboard shows it (null without one). */
        FamilyRow row(Integer rank, TrialRow tested) {
            Map<String, Long> byState = new LinkedHashMap<>();
            counts.forEach((s, n) -> byState.put(s.name().toLowerCase(Locale.ROOT), n));
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            if (best == null) {
                return new FamilyRow(name, null, FamilyRow.NO_COMPLETE, byState, total, confirmationRuns, null, null,
                        null, null, null, null, null, null, null, null, null, null, null, null, null, null);
            }
            Map<String, Double> m = TrialRow.metrics(best);
            ConfirmedRanking.Arm g = confirmation;
            return new FamilyRow(name, rank, FamilyRow.RANKED, byState, total, confirmationRuns, best.id(), best.campaign(),
                    best.number(), TrialRow.finite(best.objective()), m.get("test_rmse"), m.get("persistence_rmse"),
                    m.get("skill"), best.metrics() == null ? null : TrialRow.finite(best.metrics().persistenceStatistic()),
                    m.get("persistence_p"), tested.verdict(), tested.verdictKind(),
                    m.get("training_seconds"), best.params(), g == null ? null : g.n(),
                    g == null ? null : TrialRow.finite(g.mean()), g == null ? null : TrialRow.finite(g.sd()));
        }
    }
}
