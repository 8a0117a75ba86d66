package dev.lstmtuner.web;

import dev.lstmtuner.analysis.CampaignVerdict;
import dev.lstmtuner.analysis.TrialVerdicts;
import dev.lstmtuner.analysis.LastValue;
import dev.lstmtuner.analysis.Verdict;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.store.Trial;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A trial as the API shows it: params, and metrics keyed by the same names the {@code sort} parameter takes;
 * {@code verdict} is the model against persistence in words (from the stored Diebold–Mariano p-value) and
 * {@code verdictKind} its class (beats, no_better, worse, untested): the only thing that may colour a trial green or
 * red; {@code verdictRidge}/{@code verdictRidgeKind} the same against the ridge baseline on the same windows.
 * {@code lastValue}/{@code lastEpoch}: the objective's metric ({@link LastValue}: val_loss or val_rmse) at the last
 * recorded epoch of a trial without an objective (pruned, running, failed). {@code interrupted}: FAILED because its worker stopped or was lost;
 * {@code requeuedAs} is then the copy that re-runs it, when found. {@code directionTest}: the Pesaran–Timmermann test
 * shown beside the direction accuracy (null for a trial outside the campaign's tests: not COMPLETE, a confirmation
 * run, or without readable predictions).
 */
public record TrialRow(long id, String campaign, int number, String state, Double objective,
                       Map<String, Object> params, Map<String, Double> metrics, Integer prunedEpoch,
                       String failureReason, String worker, String device, String createdAt, String startedAt,
                       String finishedAt, Long requeuedFrom, Long confirmOf, String verdict, String verdictKind,
                       String verdictRidge, String verdictRidgeKind, Double lastValue, Integer lastEpoch,
                       boolean interrupted, Long requeuedAs, DirectionTest directionTest) {

    public static TrialRow of(Trial t) {
        return of(t, null, null, null);
    }

    /**
     * With the trial's epoch curve (for the last value of a trial without an objective, in the campaign's
     * {@code objective}) and its re-queued copy.
     */
    public static TrialRow of(Trial t, List<EpochMetrics> curve, Long requeuedAs, Objective objective) {
        return of(t, curve, requeuedAs, objective, null);
    }

    /**
     * As above, with the trial's verdict corrected across the campaign ({@code corrected}: its word, its colour and
     * the raw p beside it); without one, the raw verdict on the trial's own windows.
     */
    public static TrialRow of(Trial t, List<EpochMetrics> curve, Long requeuedAs, Objective objective,
                              TrialVerdicts.TrialVerdict corrected) {
        return of(t, curve, requeuedAs, objective, corrected, null);
    }

    /** As above, with the trial's direction test beside its direction accuracy (null: none). */
    public static TrialRow of(Trial t, List<EpochMetrics> curve, Long requeuedAs, Objective objective,
                              TrialVerdicts.TrialVerdict corrected, CampaignVerdict.Direction direction) {
        Verdict v = t.metrics() == null ? null : Verdict.persistence(t.metrics());
        Verdict ridge = t.metrics() == null ? null : Verdict.ridge(t.metrics());
        Optional<LastValue> last = LastValue.of(t, curve, objective);
        return new TrialRow(t.id(), t.campaign(), t.number(), t.state().name().toLowerCase(Locale.ROOT),
                finite(t.objective()), t.params(), metrics(t), t.prunedEpoch(), t.failureReason(), t.worker(),
                t.device(), time(t.createdAt()), time(t.startedAt()), time(t.finishedAt()), t.requeuedFrom(),
                t.confirmOf(), corrected != null ? corrected.words() : v == null ? null : v.words(),
                corrected != null ? corrected.kind().name().toLowerCase(Locale.ROOT) : v == null ? null : v.kindName(),
                ridge == null ? null : ridge.words(), ridge == null ? null : ridge.kindName(),
                last.map(LastValue::value).orElse(null), last.map(LastValue::epoch).orElse(null), interrupted(t),
                requeuedAs, DirectionTest.of(direction));
    }

    /** FAILED because the worker stopped (Ctrl-C, budget) or was lost, not because the configuration failed. */
    static boolean interrupted(Trial t) {
        String r = t.failureReason();
        return t.state() == TrialState.FAILED && r != null && (r.startsWith("interrupted") || r.startsWith("worker lost"));
    }

    /** Every {@link Objective} metric; null where the trial has no value. */
    static Map<String, Double> metrics(Trial t) {
        Map<String, Double> out = new LinkedHashMap<>();
        FinalMetrics f = t.metrics();
        for (Objective m : Objective.values()) out.put(m.key(), finite(m.of(f)));
        // the baseline's other scores, for the side-by-side table (not sort keys: persistence is the same for every
        // trial on the same windows)
        out.put("persistence_mae", f == null ? null : finite(f.persistence().mae()));
        out.put("persistence_mape", f == null ? null : finite(f.persistence().mape()));
        out.put("persistence_r2", f == null ? null : finite(f.persistence().r2()));
        out.put("ridge_rmse", f == null ? null : finite(f.ridgeRmse()));
        out.put("ridge_p", f == null ? null : finite(f.ridgePValue()));
        return out;
    }

    static Double finite(Double v) {
        return v == null || !Double.isFinite(v) ? null : v;
    }

    static String time(Instant i) {
        return i == null ? null : i.toString();
    }
}
