package dev.lstmtuner.report;

import dev.lstmtuner.Versions;
import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.ModelFamily;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.stats.DieboldMariano;
import dev.lstmtuner.store.Artifact;
import dev.lstmtuner.analysis.diagnosis.Diagnoses;
import dev.lstmtuner.analysis.diagnosis.TrainingSetup;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.Page;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.store.TrialQuery;
import dev.lstmtuner.store.TrialReport;
import dev.lstmtuner.web.Predictions;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what a report shows from the store: each campaign's top trials, the A/B table (the chosen trials, or by
 * default each campaign's best, or one campaign's top three), the best trial per symbol and per model family
 * (chosen by validation RMSE, never by a test metric), and the detail of the trials worth a closer look.
 */
public final class ReportBuilder {
    private static final int PAGE = 500;
    private static final int MAX_FOCUS = 8;
    private final Store store;
    private final int top;

    public ReportBuilder(Store store, int top) {
        if (top < 1) throw new BadInputException("--top must be at least 1, got " + top);
        this.store = store;
        this.top = top;
    }

    /** @param abIds the trials for the A/B table, A first; empty = the default choice */
    public Report build(List<String> campaignNames, List<Long> abIds) {
        List<Campaign> campaigns = new ArrayList<>();
        for (String name : new LinkedHashSet<>(campaignNames)) {
            campaigns.add(store.campaign(name).orElseThrow(() -> new BadInputException("no campaign '" + name
                    + "' in the store: `lstm-tuner campaigns` lists them")));
        }
        List<Report.CampaignPart> parts = new ArrayList<>();
        Map<String, Report.GroupRow> symbols = new LinkedHashMap<>();
        Map<String, Report.GroupRow> families = new LinkedHashMap<>();
        List<Trial> bests = new ArrayList<>();
        for (Campaign c : campaigns) {
            Page<Trial> page = store.trials(TrialQuery.of(c.name()).page(top, 0));
            parts.add(new Report.CampaignPart(c, store.countByState(c.name()), page.total(), page.items()));
            store.best(c.name()).ifPresent(bests::add);
            JsonNode base = ConfigLoader.mapper().createObjectNode();
            try {
                if (c.configJson() != null) base = ConfigLoader.mapper().readTree(c.configJson());
            } catch (Exception ignored) {
                // a campaign without a readable base config still reports; symbol and family fall back
            }
            for (Trial t : complete(c.name())) {
                group(symbols, Groups.symbol(base), t);
                group(families, ModelFamily.of(t.params(), base), t);
            }
        }
        List<Trial> ab = abIds.isEmpty() ? defaultAb(bests, parts) : abIds.stream().map(this::trial).toList();
        List<Report.Focus> focus = new ArrayList<>();
        Set<Long> seen = new LinkedHashSet<>();
        for (Trial t : bests) if (seen.add(t.id()) && focus.size() < MAX_FOCUS) focus.add(focus(t, "best of " + t.campaign()));
        for (Trial t : ab) if (seen.add(t.id()) && focus.size() < MAX_FOCUS) focus.add(focus(t, "in the A/B table"));
        return new Report(Instant.now(), Versions.lstmTuner(), parts, abRows(ab, focus), withRows(symbols),
                withRows(families), focus);
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

    private static void group(Map<String, Report.GroupRow> groups, String key, Trial t) {
        Report.GroupRow old = groups.get(key);
        Trial best = old == null || valRmse(t) < valRmse(old.best()) ? t : old.best();
        groups.put(key, new Report.GroupRow(key, old == null ? 1 : old.complete() + 1, best, null));
    }

    private static double valRmse(Trial t) {
        double v = t.metrics() == null ? Double.NaN : t.metrics().bestValRmse();
        return Double.isFinite(v) ? v : Double.POSITIVE_INFINITY;
    }

    private List<Report.GroupRow> withRows(Map<String, Report.GroupRow> groups) {
        List<Report.GroupRow> out = new ArrayList<>();
        for (Report.GroupRow g : groups.values()) {
            Integer rows = store.report(g.best().id()).map(TrialReport::provenance)
                    .map(p -> p.data() == null ? null : p.data().rows()).orElse(null);
            out.add(new Report.GroupRow(g.key(), g.complete(), g.best(), rows));
        }
        out.sort(Comparator.comparing(Report.GroupRow::key));
        return out;
    }

    /** Each campaign's best when there are several campaigns, else the one campaign's top three completed. */
    private static List<Trial> defaultAb(List<Trial> bests, List<Report.CampaignPart> parts) {
        if (bests.size() >= 2) return bests;
        if (parts.isEmpty()) return List.of();
        return parts.get(0).top().stream().filter(t -> t.state() == TrialState.COMPLETE).limit(3).toList();
    }

    private List<Report.AbRow> abRows(List<Trial> trials, List<Report.Focus> focus) {
        Map<Long, Predictions> predictions = new HashMap<>();
        for (Report.Focus f : focus) if (f.predictions() != null) predictions.put(f.trial().id(), f.predictions());
        List<Report.AbRow> rows = new ArrayList<>();
        Map<String, Double> a = null;
        for (int i = 0; i < trials.size(); i++) {
            Trial t = trials.get(i);
            Map<String, Double> m = Columns.values(t);
            if (i == 0) {
                a = m;
                rows.add(new Report.AbRow(t, m, null, null, null));
                continue;
            }
            Map<String, Double> deltas = new LinkedHashMap<>();
            for (String k : m.keySet()) {
                Double v = m.get(k), base = a.get(k);
                deltas.put(k, v == null || base == null ? null : v - base);
            }
            Trial first = trials.get(0);
            Predictions pa = predictions.get(first.id()), pb = predictions.get(t.id());
            if (pa == null || pb == null) {
                rows.add(new Report.AbRow(t, m, deltas, null, "no predictions artifact for "
                        + (pa == null ? first.label() : t.label()) + ": cannot test"));
                continue;
            }
            try {
                rows.add(new Report.AbRow(t, m, deltas, MatchedErrors.dm(pa, pb, horizon(first),
                        "A (" + first.label() + ")", t.label()), null));
            } catch (IllegalArgumentException e) {
                rows.add(new Report.AbRow(t, m, deltas, null, "no shared test windows to compare: " + e.getMessage()));
            }
        }
        return rows;
    }

    private int horizon(Trial t) {
        return store.report(t.id()).map(TrialReport::provenance).map(p -> {
            try {
                JsonNode h = ConfigLoader.mapper().readTree(p.configJson()).get("horizon");
                return h != null && h.canConvertToInt() && h.asInt() >= 1 ? h.asInt() : 1;
            } catch (Exception e) {
                return 1;
            }
        }).orElse(1);
    }

    private Report.Focus focus(Trial t, String why) {
        TrialReport r = store.report(t.id()).orElseThrow();
        Predictions p = r.artifacts().stream().filter(a -> a.kind().equals(Predictions.ARTIFACT_KIND))
                .map(Artifact::path).map(Path::of).filter(Files::isRegularFile).findFirst()
                .map(ReportBuilder::readOrNull).orElse(null);
        Campaign c = store.campaign(t.campaign()).orElseThrow();
        Diagnoses d = Diagnoses.of(TrainingSetup.of(r, c), r.epochs(), p == null ? null : p.forecasts());
        return new Report.Focus(t, why, r.epochs(), d, p, r.provenance());
    }

    private static Predictions readOrNull(Path file) {
        try {
            return Predictions.read(file);
        } catch (RuntimeException unreadable) {
            return null;   // the report says "no predictions" rather than failing on one damaged file
        }
    }
}
