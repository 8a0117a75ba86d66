package dev.lstmtuner.report;

import dev.lstmtuner.Versions;
import dev.lstmtuner.analysis.LockboxVerdict;
import dev.lstmtuner.analysis.AbTable;
import dev.lstmtuner.analysis.BestTrial;
import dev.lstmtuner.analysis.Comparability;
import dev.lstmtuner.analysis.GroupBest;
import dev.lstmtuner.analysis.PairwiseDm;
import dev.lstmtuner.analysis.PooledVsOwn;
import dev.lstmtuner.analysis.Predictions;
import dev.lstmtuner.analysis.SymbolLabel;
import dev.lstmtuner.analysis.TopTrials;
import dev.lstmtuner.analysis.TrialConfig;
import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.ModelFamily;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.search.plan.AbPlan;
import dev.lstmtuner.store.Artifact;
import dev.lstmtuner.analysis.diagnosis.Diagnoses;
import dev.lstmtuner.analysis.diagnosis.TrainingSetup;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.Page;
import dev.lstmtuner.store.Provenance;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.store.TrialQuery;
import dev.lstmtuner.store.TrialReport;
import dev.lstmtuner.analysis.CampaignVerdicts;
import dev.lstmtuner.analysis.Headline;
import dev.lstmtuner.analysis.TrialTests;
import dev.lstmtuner.store.ArtifactRoot;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads what a report shows from the store and asks analysis for every answer: each campaign's best
 * ({@link BestTrial}) and top trials, the A/B table (the chosen trials, or by default each campaign's best, or one
 * campaign's top three) with its Diebold–Mariano tests ({@link PairwiseDm}: refused where the trials forecast
 * different things, Holm-corrected), the best trial per symbol and per model family ({@link GroupBest}, chosen by
 * the objective, never by a test metric), and the detail of the trials worth a closer look.
 */
public final class ReportBuilder {
    private static final int PAGE = 500;
    private static final int MAX_FOCUS = 8;
    private final Store store;
    private final int top;
    private final ArtifactRoot root;

    /** Reads every recorded artifact path (tests, and stores whose artifacts are the caller's own). */
    public ReportBuilder(Store store, int top) {
        this(store, top, ArtifactRoot.UNCONFINED);
    }

    /** Reads a recorded predictions file only if it resolves under {@code root} ({@code --artifacts}). */
    public ReportBuilder(Store store, int top, ArtifactRoot root) {
        if (top < 1) throw new BadInputException("--top must be at least 1, got " + top);
        this.store = store;
        this.top = top;
        this.root = root;
    }

    /** @param abIds the trials for the A/B table, A first; empty = the default choice */
    public Report build(List<String> campaignNames, List<Long> abIds) {
        List<Campaign> campaigns = new ArrayList<>();
        for (String name : new LinkedHashSet<>(campaignNames)) {
            campaigns.add(store.campaign(name).orElseThrow(() -> new BadInputException("no campaign '" + name
                    + "' in the store: `lstm-tuner campaigns` lists them")));
        }
        List<Report.CampaignPart> parts = new ArrayList<>();
        List<GroupBest.Candidate> symbolBests = new ArrayList<>(), familyCandidates = new ArrayList<>();
        Map<String, Integer> symbolCounts = new HashMap<>(), familyCounts = new HashMap<>();
        List<Trial> bests = new ArrayList<>();
        TrialTests trialTests = new TrialTests(name -> CampaignVerdicts.of(store, name, root));
        List<AbTable> plans = new ArrayList<>();
        for (Campaign c : campaigns) {
            AbPlan.of(c).ifPresent(p -> plans.add(AbTable.of(store, c, p)));
            Optional<BestTrial> best = BestTrial.of(store, c);
            TopTrials t = TopTrials.of(store, c.name(), top, best);
            Optional<String> lockbox = LockboxVerdict.of(store.lockboxOpenings(c.name())).map(LockboxVerdict::headline);
            Headline headline = new Headline(lockbox, trialTests.campaign(c.name()),
                    best.map(b -> b.trial().number()).orElse(null));
            parts.add(new Report.CampaignPart(c, store.countByState(c.name()), t.total(), t.trials(),
                    best.orElse(null), headline.lines()));
            best.ifPresent(b -> {
                bests.add(b.trial());
                if (!PooledVsOwn.isPooled(c)) symbolBests.add(GroupBest.Candidate.of(SymbolLabel.of(b.trial(), c), b));
            });
            JsonNode base = TrialConfig.parse(c.configJson());
            String label = SymbolLabel.of(base);
            for (Trial trial : complete(c.name())) {
                if (trial.confirmOf() != null) continue;
                // the model for all symbols is no symbol: PooledSection shows it beside each symbol's own
                if (!PooledVsOwn.isPooled(c)) symbolCounts.merge(SymbolLabel.of(trial, label), 1, Integer::sum);
                String family = ModelFamily.of(trial.params(), base);
                familyCounts.merge(family, 1, Integer::sum);
                familyCandidates.add(GroupBest.Candidate.of(family, c, trial));
            }
        }
        List<Trial> ab = abIds.isEmpty() ? defaultAb(bests, parts) : abIds.stream().map(this::trial).toList();
        List<Report.Focus> focus = new ArrayList<>();
        Set<Long> seen = new LinkedHashSet<>();
        for (Trial t : bests) if (seen.add(t.id()) && focus.size() < MAX_FOCUS) focus.add(focus(t, "best of " + t.campaign()));
        for (Trial t : ab) if (seen.add(t.id()) && focus.size() < MAX_FOCUS) focus.add(focus(t, "in the A/B table"));
        List<Report.AbRow> abRows = abRows(ab, focus);
        List<PairwiseDm.Row> tests = abRows.stream().map(Report.AbRow::dm).filter(d -> d != null).toList();
        String correction = ab.isEmpty() ? null : PairwiseDm.correctionNote(tests, "A (" + ab.get(0).label() + ")");
        return new Report(Instant.now(), Versions.lstmTuner(), parts, abRows, correction,
                groups(symbolBests, symbolCounts), groups(familyCandidates, familyCounts), focus, trialTests,
                PooledVsOwn.of(store, null).stream().filter(p -> campaignNames.contains(p.pooledCampaign())).toList(),
                ParetoSection.of(store, campaigns), plans);
    }

    private Trial trial(long id) {
        return store.trial(id).orElseThrow(() -> new BadInputException("no trial with id " + id + " in the store"));
    }

    private List<Trial> complete(String campaign) {
        List<Trial> out = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            Page<Trial> p = store.trials(TrialQuery.of(campaign).state(TrialState.COMPLETE).page(PAGE, offset));
            out.addAll(p.items());
            if (p.items().size() < PAGE) return out;
        }
    }

    /** Every key that has completed trials, with its best candidate (when one ranks) and its data rows. */
    private List<Report.GroupRow> groups(List<GroupBest.Candidate> candidates, Map<String, Integer> counts) {
        Map<String, GroupBest.Group> best = new LinkedHashMap<>();
        for (GroupBest.Group g : GroupBest.of(candidates)) best.put(g.key(), g);
        List<Report.GroupRow> out = new ArrayList<>();
        for (String key : counts.keySet().stream().sorted().toList()) {
            GroupBest.Group g = best.get(key);
            Trial t = g == null || g.best() == null ? null : g.best().trial();
            Integer rows = t == null ? null : store.report(t.id()).map(TrialReport::provenance)
                    .map(p -> p.data() == null ? null : p.data().rows()).orElse(null);
            out.add(new Report.GroupRow(key, counts.get(key), t, rows, g == null ? null : g.rankedBy()));
        }
        return out;
    }

    /** Each campaign's best when there are several campaigns, else the one campaign's top three completed. */
    private static List<Trial> defaultAb(List<Trial> bests, List<Report.CampaignPart> parts) {
        if (bests.size() >= 2) return bests;
        if (parts.isEmpty()) return List.of();
        return parts.get(0).top().stream().filter(t -> t.state() == TrialState.COMPLETE).limit(3).toList();
    }

    private List<Report.AbRow> abRows(List<Trial> trials, List<Report.Focus> focus) {
        if (trials.isEmpty()) return List.of();
        Map<Long, Predictions> predictions = new HashMap<>();
        for (Report.Focus f : focus) if (f.predictions() != null) predictions.put(f.trial().id(), f.predictions());
        List<PairwiseDm.Side> others = new ArrayList<>();
        for (Trial t : trials.subList(1, trials.size())) others.add(side(t, predictions.get(t.id())));
        Trial first = trials.get(0);
        List<PairwiseDm.Row> tests = PairwiseDm.against(side(first, predictions.get(first.id())), others);
        List<Report.AbRow> rows = new ArrayList<>();
        Map<String, Double> a = Columns.values(first);
        rows.add(new Report.AbRow(first, a, null, null));
        for (int i = 1; i < trials.size(); i++) {
            Trial t = trials.get(i);
            Map<String, Double> m = Columns.values(t);
            Map<String, Double> deltas = new LinkedHashMap<>();
            for (String k : m.keySet()) {
                Double v = m.get(k), base = a.get(k);
                deltas.put(k, v == null || base == null ? null : v - base);
            }
            rows.add(new Report.AbRow(t, m, deltas, tests.get(i - 1)));
        }
        return rows;
    }

    private PairwiseDm.Side side(Trial t, Predictions p) {
        Campaign c = store.campaign(t.campaign()).orElseThrow();
        Provenance provenance = store.report(t.id()).map(TrialReport::provenance).orElse(null);
        return new PairwiseDm.Side(t, Comparability.of(t, c, provenance), p,
                TrialConfig.horizon(TrialConfig.of(t, c, provenance)));
    }

    private Report.Focus focus(Trial t, String why) {
        TrialReport r = store.report(t.id()).orElseThrow();
        Predictions p = r.artifacts().stream().filter(a -> a.kind().equals(Predictions.ARTIFACT_KIND))
                .map(Artifact::path).map(this::confined).flatMap(Optional::stream).findFirst()
                .map(ReportBuilder::readOrNull).orElse(null);
        Campaign c = store.campaign(t.campaign()).orElseThrow();
        Diagnoses d = Diagnoses.of(TrainingSetup.of(r, c), r.epochs(), p == null ? null : p.forecasts());
        return new Report.Focus(t, why, r.epochs(), d, p, r.provenance());
    }

    /** The recorded file under the root; a path outside it is not read (the trial shows "no predictions"). */
    private Optional<Path> confined(String recorded) {
        try {
            return root.resolve(recorded);
        } catch (ArtifactRoot.OutsideRoot e) {
            return Optional.empty();
        }
    }

    private static Predictions readOrNull(Path file) {
        try {
            return Predictions.read(file);
        } catch (RuntimeException unreadable) {
            return null;   // the report says "no predictions" rather than failing on one damaged file
        }
    }
}
