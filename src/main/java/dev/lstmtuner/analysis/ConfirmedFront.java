package dev.lstmtuner.analysis;

import dev.lstmtuner.result.Objective;
import dev.lstmtuner.result.Objectives;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.stats.NonDominatedSort;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The front after confirmation: each member of the Pareto front with its fresh-seed runs, its mean of each objective
 * over them (the selected run is left out, as in {@link ConfirmedRanking}: it made the front partly by its seed's
 * luck) and whether it stays non-dominated on those means among the members with at least
 * {@link ConfirmedRanking#MIN_FRESH} fresh runs (the confirmed front). Each member keeps its verdict against
 * persistence, Holm-corrected over the campaign ({@link CampaignVerdicts}).
 */
public record ConfirmedFront(Objectives objectives, List<Member> members) {

    /** A front member: its selected run, its finished fresh runs, the runs pending, the means and its standing. */
    public record Member(Trial original, List<Trial> fresh, int pending, double[] means, boolean confirmed,
                         TrialVerdicts.TrialVerdict verdict) {
        public boolean ranked() {
            return fresh.size() >= ConfirmedRanking.MIN_FRESH;
        }

        /** The verdict in words, or why there is none (no predictions read for this trial). */
        public String verdictWords() {
            return verdict == null ? "no verdict (its test predictions were not read)" : verdict.words();
        }
    }

    public static ConfirmedFront of(Store store, ParetoFront front, CampaignVerdicts verdicts) {
        Objectives objectives = front.objectives();
        List<ParetoFront.Point> onFront = front.front();
        if (onFront.isEmpty()) return new ConfirmedFront(objectives, List.of());
        String campaign = onFront.get(0).trial().campaign();
        List<Trial> runs = store.confirmationRuns(campaign);
        Map<Long, Map<Objective, Double>> stored = store.objectiveValues(runs.stream()
                .filter(t -> t.state() == TrialState.COMPLETE).map(Trial::id).toList());
        List<Trial> originals = new ArrayList<>();
        List<List<Trial>> fresh = new ArrayList<>();
        List<Integer> pending = new ArrayList<>();
        List<double[]> means = new ArrayList<>();
        for (ParetoFront.Point p : onFront) {
            List<Trial> done = new ArrayList<>();
            int waiting = 0;
            for (Trial r : runs) {
                if (r.confirmOf() == null || r.confirmOf() != p.trial().id()) continue;
                if (r.state() == TrialState.COMPLETE) done.add(r);
                else if (!r.state().isFinished()) waiting++;
            }
            originals.add(p.trial());
            fresh.add(done);
            pending.add(waiting);
            means.add(means(objectives, done, stored));
        }
        List<Integer> ranked = new ArrayList<>();
        for (int i = 0; i < originals.size(); i++) {
            if (fresh.get(i).size() >= ConfirmedRanking.MIN_FRESH && finite(means.get(i))) ranked.add(i);
        }
        double[][] losses = ParetoFront.losses(objectives, ranked.stream().map(means::get).toList());
        int[] rank = NonDominatedSort.ranks(losses);
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < originals.size(); i++) {
            int at = ranked.indexOf(i);
            Optional<TrialVerdicts.TrialVerdict> v = verdicts == null ? Optional.empty()
                    : verdicts.trial(originals.get(i).number());
            members.add(new Member(originals.get(i), List.copyOf(fresh.get(i)), pending.get(i), means.get(i),
                    at >= 0 && rank[at] == 0, v.orElse(null)));
        }
        return new ConfirmedFront(objectives, List.copyOf(members));
    }

    /** Whether any member has fresh runs: a campaign without confirmation has no confirmed front to show. */
    public boolean started() {
        return members.stream().anyMatch(m -> !m.fresh().isEmpty() || m.pending() > 0);
    }

    public List<Member> confirmed() {
        return members.stream().filter(Member::confirmed).toList();
    }

    private static double[] means(Objectives objectives, List<Trial> runs, Map<Long, Map<Objective, Double>> stored) {
        double[] m = new double[objectives.list().size()];
        for (int k = 0; k < m.length; k++) {
            Objective o = objectives.list().get(k);
            double sum = 0;
            int n = 0;
            for (Trial t : runs) {
                Double x = stored.getOrDefault(t.id(), Map.of()).get(o);
                if (x == null) x = o.of(t.metrics());
                if (x == null || x.isNaN()) continue;
                sum += x;
                n++;
            }
            m[k] = n == runs.size() && n > 0 ? sum / n : Double.NaN;
        }
        return m;
    }

    private static boolean finite(double[] v) {
        for (double x : v) if (Double.isNaN(x)) return false;
        return true;
    }
}
