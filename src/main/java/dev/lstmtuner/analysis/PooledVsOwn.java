package dev.lstmtuner.analysis;

import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.stats.DieboldMariano;
import dev.lstmtuner.stats.Holm;
import dev.lstmtuner.store.Artifact;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.CampaignSummary;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.store.TrialQuery;
import dev.lstmtuner.store.TrialReport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * "One model for all" against "one model each", per symbol: the pooled model's test forecasts of a symbol (its
 * {@value #ARTIFACT_PREFIX}SYMBOL artifact) against persistence (Diebold–Mariano, {@link Verdict}) and against the
 * symbol's best own model ({@link BestTrial} of its campaign: chosen on validation, never on test) on the test
 * windows both forecast (matched by forecast time), Holm-corrected across the symbols, so one lucky symbol does not
 * pass as a real difference. Every view (search's end report, the leaderboard's symbols view, the report) shows
 * these rows and says nothing of its own.
 */
public final class PooledVsOwn {
    /** The symbol label of a pooled campaign (its config's {@code symbol}). */
    public static final String SYMBOL = "POOLED";
    /** The artifact kind prefix of a symbol's test predictions by the pooled model. */
    public static final String ARTIFACT_PREFIX = "predictions:";
    /** The pooled model's name in verdicts. */
    public static final String POOLED = "one model for all";

    private PooledVsOwn() {
    }

    /** One symbol's forecasts: the pooled model's, and its own best model's (null when it has none readable). */
    public record Side(String symbol, Predictions pooled, String ownCampaign, Trial own, Predictions ownPredictions,
                       int horizon) {
    }

    /**
     * One symbol's line. Pooled and own RMSE, MAE and skill (1 − RMSE / persistence RMSE) are each model's on its
     * own test windows; {@code n}, {@code statistic} (negative: the pooled model has the smaller squared errors),
     * {@code pValue} and {@code pHolm} are the paired test on the windows both forecast; {@code better} is
     * {@code pooled}, {@code own} or null (no real difference); {@code error} says why a symbol could not be tested.
     */
    public record Row(String symbol, Double pooledRmse, Double pooledMae, Double pooledSkill, String pooledVerdict,
                      String pooledVerdictKind, String ownCampaign, String ownTrial, Double ownRmse, Double ownMae,
                      Double ownSkill, String ownVerdict, String ownVerdictKind, Integer n, Double statistic,
                      Double pValue, Double pHolm, String better, String verdict, String error) {
    }

    /** A group's comparison: its pooled campaign and trial, a row per symbol, and the summary sentence. */
    public record Comparison(String group, String pooledCampaign, String pooledTrial, List<Row> rows,
                             String summary) {
    }

    /** The comparisons of every pooled campaign whose group starts with {@code groupPrefix} (all when blank). */
    public static List<Comparison> of(Store store, String groupPrefix) {
        return of(store, groupPrefix, recorded -> Optional.of(Path.of(recorded)));
    }

    /**
     * As {@link #of(Store, String)}, reading an artifact only where {@code files} resolves its recorded path (the
     * leaderboard confines them to its artifact root).
     */
    public static List<Comparison> of(Store store, String groupPrefix, Function<String, Optional<Path>> files) {
        List<Campaign> all = store.campaigns().stream().map(CampaignSummary::campaign).toList();
        List<Comparison> out = new ArrayList<>();
        for (Campaign pooled : all) {
            if (!isPooled(pooled) || pooled.groupName() == null) continue;
            if (groupPrefix != null && !groupPrefix.isBlank() && !pooled.groupName().startsWith(groupPrefix)
                    && !pooled.name().startsWith(groupPrefix)) continue;
            of(store, pooled, all, files).ifPresent(out::add);
        }
        return out;
    }

    /** Whether the campaign is a pooled one ("one model for all"). */
    public static boolean isPooled(Campaign c) {
        return SYMBOL.equals(SymbolLabel.of(c));
    }

    private static Optional<Comparison> of(Store store, Campaign pooled, List<Campaign> all,
                                           Function<String, Optional<Path>> files) {
        Optional<Trial> trial = store.trials(TrialQuery.of(pooled.name()).state(TrialState.COMPLETE).page(1, 0))
                .items().stream().findFirst();
        if (trial.isEmpty()) return Optional.empty();
        Map<String, Predictions> bySymbol = new HashMap<>();
        List<String> order = new ArrayList<>();
        store.report(trial.get().id()).ifPresent(r -> r.artifacts().forEach(a -> {
            if (!a.kind().startsWith(ARTIFACT_PREFIX)) return;
            String symbol = a.kind().substring(ARTIFACT_PREFIX.length());
            order.add(symbol);
            read(a, files).ifPresent(p -> bySymbol.put(symbol, p));
        }));
        int horizon = TrialConfig.horizon(TrialConfig.parse(pooled.configJson()));
        List<Side> sides = new ArrayList<>();
        for (String symbol : order) {
            Campaign own = all.stream().filter(c -> Objects.equals(c.groupName(), pooled.groupName()) && !isPooled(c)
                    && SymbolLabel.of(c).equals(symbol)).findFirst().orElse(null);
            Optional<BestTrial> best = own == null ? Optional.empty() : BestTrial.of(store, own);
            Predictions ownPredictions = best.flatMap(b -> store.report(b.trial().id()))
                    .flatMap(r -> ownPredictions(r, files)).orElse(null);
            sides.add(new Side(symbol, bySymbol.get(symbol), own == null ? null : own.name(),
                    best.map(BestTrial::trial).orElse(null), ownPredictions, horizon));
        }
        return Optional.of(compare(pooled.groupName(), pooled.name(), trial.get().label(), sides));
    }

    /** The rows of every side, the paired tests Holm-corrected across the symbols that could be tested. */
    public static Comparison compare(String group, String pooledCampaign, String pooledTrial, List<Side> sides) {
        List<Row> raw = new ArrayList<>();
        for (Side s : sides) raw.add(row(s));
        double[] p = raw.stream().mapToDouble(r -> r.pValue() == null ? Double.NaN : r.pValue()).toArray();
        double[] adjusted = Holm.adjust(p);
        int tested = (int) raw.stream().filter(r -> r.pValue() != null).count();
        List<Row> rows = new ArrayList<>();
        int better = 0, worse = 0;
        for (int i = 0; i < raw.size(); i++) {
            Row r = raw.get(i);
            if (r.pValue() == null) {
                rows.add(r);
                continue;
            }
            double ph = adjusted[i];
            boolean real = ph < DieboldMariano.ALPHA && r.statistic() != 0;
            String winner = real ? (r.statistic() < 0 ? "pooled" : "own") : null;
            if ("pooled".equals(winner)) better++;
            if ("own".equals(winner)) worse++;
            rows.add(new Row(r.symbol(), r.pooledRmse(), r.pooledMae(), r.pooledSkill(), r.pooledVerdict(),
                    r.pooledVerdictKind(), r.ownCampaign(), r.ownTrial(), r.ownRmse(), r.ownMae(), r.ownSkill(),
                    r.ownVerdict(), r.ownVerdictKind(), r.n(), r.statistic(), r.pValue(), ph, winner,
                    words(r.symbol(), winner, r.pValue(), ph, tested), null));
        }
        String summary = tested == 0 ? "One model for all vs one model each: no symbol could be tested."
                : String.format(Locale.ROOT, "One model for all vs one model each, on %d symbol%s: better for %d,"
                        + " worse for %d, no real difference for %d (Diebold–Mariano per symbol on the shared test"
                        + " windows%s).", tested, tested == 1 ? "" : "s", better, worse, tested - better - worse,
                tested > 1 ? ", Holm-corrected across symbols" : "");
        return new Comparison(group, pooledCampaign, pooledTrial, List.copyOf(rows), summary);
    }

    private static Row row(Side s) {
        Trial own = s.own();
        String ownTrial = own == null ? null : own.label();
        String ownVerdict = own == null || own.metrics() == null ? null : Verdict.persistence(own.metrics()).words();
        String ownKind = own == null || own.metrics() == null ? null : Verdict.persistence(own.metrics()).kindName();
        Score ownScore = s.ownPredictions() == null ? null : score(s.ownPredictions(), s.horizon());
        if (s.pooled() == null) {
            return failed(s, null, ownTrial, ownScore, ownVerdict, ownKind,
                    "no readable test predictions of the pooled model for " + s.symbol());
        }
        Score pooled = score(s.pooled(), s.horizon());
        Verdict pv = Verdict.of(Verdict.Baseline.PERSISTENCE, pooled.skill, pooled.pPersistence);
        if (own == null || s.ownPredictions() == null) {
            return failed(s, pooled, ownTrial, ownScore, ownVerdict, ownKind, own == null
                    ? "no COMPLETE own model for " + s.symbol() + " in the group"
                    : "no readable test predictions of " + ownTrial + ": cannot test");
        }
        Map<String, Integer> ownAt = new HashMap<>();
        for (int i = 0; i < s.ownPredictions().size(); i++) ownAt.put(s.ownPredictions().time().get(i), i);
        double[] ep = s.pooled().errors(), eo = s.ownPredictions().errors();
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < s.pooled().size(); i++) {
            Integer j = ownAt.get(s.pooled().time().get(i));
            if (j != null && Double.isFinite(ep[i]) && Double.isFinite(eo[j])) pairs.add(new double[]{ep[i], eo[j]});
        }
        try {
            DieboldMariano.Result dm = DieboldMariano.test(pairs.stream().mapToDouble(x -> x[0]).toArray(),
                    pairs.stream().mapToDouble(x -> x[1]).toArray(), s.horizon(), POOLED, s.symbol() + "'s own model");
            return new Row(s.symbol(), pooled.rmse, pooled.mae, pooled.skill, pv.words(), pv.kindName(),
                    s.ownCampaign(), ownTrial, ownScore.rmse, ownScore.mae, ownScore.skill, ownVerdict, ownKind,
                    dm.n(), dm.statistic(), dm.pValue(), null, null, null, null);
        } catch (IllegalArgumentException tooFew) {
            return failed(s, pooled, ownTrial, ownScore, ownVerdict, ownKind,
                    "no shared test windows to compare: " + tooFew.getMessage());
        }
    }

    private static Row failed(Side s, Score pooled, String ownTrial, Score own, String ownVerdict, String ownKind,
                              String why) {
        Verdict pv = pooled == null ? null : Verdict.of(Verdict.Baseline.PERSISTENCE, pooled.skill, pooled.pPersistence);
        return new Row(s.symbol(), pooled == null ? null : pooled.rmse, pooled == null ? null : pooled.mae,
                pooled == null ? null : pooled.skill, pv == null ? null : pv.words(), pv == null ? null : pv.kindName(),
                s.ownCampaign(), ownTrial, own == null ? null : own.rmse, own == null ? null : own.mae,
                own == null ? null : own.skill, ownVerdict, ownKind, null, null, null, null, null, null, why);
    }

    private static String words(String symbol, String winner, double p, double pHolm, int tested) {
        String ps = "p " + pText(p) + (tested > 1 ? ", Holm-adjusted over " + tested + " symbols: p " + pText(pHolm) : "");
        if ("pooled".equals(winner)) return POOLED + " forecasts " + symbol + " better than its own model (" + ps + ")";
        if ("own".equals(winner)) return symbol + "'s own model forecasts it better than " + POOLED + " (" + ps + ")";
        return "no real difference between " + POOLED + " and " + symbol + "'s own model (" + ps + ")";
    }

    private static String pText(double p) {
        return p < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "= %.3f", p);
    }

    /** A forecast's RMSE, MAE and skill on its own windows, with its Diebold–Mariano p-value against persistence. */
    private record Score(double rmse, double mae, double skill, Double pPersistence) {
    }

    private static Score score(Predictions p, int horizon) {
        double se = 0, ae = 0, pe = 0;
        double[] model = p.errors(), last = new double[p.size()];
        for (int i = 0; i < p.size(); i++) {
            last[i] = p.lastClose()[i] - p.actual()[i];
            se += model[i] * model[i];
            ae += Math.abs(model[i]);
            pe += last[i] * last[i];
        }
        double rmse = Math.sqrt(se / p.size());
        Double pValue;
        try {
            pValue = DieboldMariano.test(model, last, horizon).pValue();
        } catch (IllegalArgumentException tooFew) {
            pValue = null;
        }
        return new Score(rmse, ae / p.size(), 1 - rmse / Math.sqrt(pe / p.size()), pValue);
    }

    private static Optional<Predictions> ownPredictions(TrialReport r, Function<String, Optional<Path>> files) {
        return r.artifacts().stream().filter(a -> a.kind().equals(Predictions.ARTIFACT_KIND)).findFirst()
                .flatMap(a -> read(a, files));
    }

    private static Optional<Predictions> read(Artifact a, Function<String, Optional<Path>> files) {
        try {
            Optional<Path> file = files.apply(a.path()).filter(Files::isRegularFile);
            return file.map(Predictions::read);
        } catch (RuntimeException unreadable) {
            return Optional.empty(); // damaged, or outside the artifact root: said in the row, the others still count
        }
    }
}
