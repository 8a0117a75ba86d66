package dev.lstmtuner.web;

import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.stats.PersistenceVerdict;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.store.Trial;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A trial as the API shows it: params, and metrics keyed by the same names the {@code sort} parameter takes;
 * {@code verdict} is the model against persistence in words (from the stored Diebold–Mariano p-value) and
 * {@code verdictKind} its class (beats, no_better, worse, untested): the only thing that may colour a trial green or
 * red. {@code lastValue}/{@code lastEpoch}: the validation RMSE at the last recorded epoch of a trial without an
 * objective (pruned, running, failed). {@code interrupted}: FAILED because its worker stopped or was lost;
 * {@code requeuedAs} is then the copy that re-runs it, when found.
 */
public record TrialRow(long id, String campaign, int number, String state, Double objective,
                       Map<String, Object> params, Map<String, Double> metrics, Integer prunedEpoch,
                       String failureReason, String worker, String device, String createdAt, String startedAt,
                       String finishedAt, Long requeuedFrom, Long confirmOf, String verdict, String verdictKind,
                       Double lastValue, Integer lastEpoch, boolean interrupted, Long requeuedAs) {

    public static TrialRow of(Trial t) {
        return of(t, null, null);
    }

    /** With the trial's epoch curve (for the last value of a trial without an objective) and its re-queued copy. */
    public static TrialRow of(Trial t, List<EpochMetrics> curve, Long requeuedAs) {
        PersistenceVerdict v = t.metrics() == null ? null : t.metrics().persistenceVerdict();
        EpochMetrics last = curve == null || curve.isEmpty() || t.objective() != null ? null : curve.get(curve.size() - 1);
        return new TrialRow(t.id(), t.campaign(), t.number(), t.state().name().toLowerCase(Locale.ROOT),
                finite(t.objective()), t.params(), metrics(t), t.prunedEpoch(), t.failureReason(), t.worker(),
                t.device(), time(t.createdAt()), time(t.startedAt()), time(t.finishedAt()), t.requeuedFrom(),
                t.confirmOf(), v == null ? null : v.words(), v == null ? null : v.kind().name().toLowerCase(Locale.ROOT),
                last == null ? null : finite(last.valRmse()), last == null ? null : last.epoch(), interrupted(t),
                requeuedAs);
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
        return out;
    }

    static Double finite(Double v) {
        return v == null || !Double.isFinite(v) ? null : v;
    }

    static String time(Instant i) {
        return i == null ? null : i.toString();
    }
}
