package dev.lstmtuner.analysis;

import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.stats.DieboldMariano;
import dev.lstmtuner.stats.Holm;
import dev.lstmtuner.store.Trial;

import org.apache.commons.math3.stat.StatUtils;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The confirmed trials of a campaign (over all its confirmation runs), ranked on fresh seeds only: a trial's
 * selected run won the search partly by its seed's luck, so it is reported apart and never averaged in. An arm needs
 * at least {@value #MIN_FRESH} finished fresh runs to rank; the confirmed winner is the best fresh mean in the
 * campaign's direction among those (none while no arm has them). #1's lead over #2 is tested seed by seed
 * ({@link SeedLead}); when every ranked arm's sd is 0 the seed has no effect and the ranking is deterministic.
 */
public record ConfirmedRanking(List<Arm> arms, String objective, Direction direction) {
    /** Fresh runs a trial needs before it can be the confirmed winner. */
    public static final int MIN_FRESH = 2;

    /**
     * One confirmed trial: its selected (original) run, its finished fresh-seed runs in number order and how many
     * are still queued or running.
     */
    public record Arm(Trial original, List<Trial> fresh, int pending) {
        /** The fresh runs' objectives. */
        public double[] values() {
            return fresh.stream().mapToDouble(Trial::objective).toArray();
        }

        public int n() {
            return fresh.size();
        }

        public double mean() {
            return fresh.isEmpty() ? Double.NaN : StatUtils.mean(values());
        }

        /** Sample sd over the fresh runs; NaN below 2. */
        public double sd() {
            return n() < 2 ? Double.NaN : Math.sqrt(StatUtils.variance(values()));
        }

        public boolean ranked() {
            return n() >= MIN_FRESH;
        }

        /** Fresh objectives by the run's {@code seed} param (the pairing key across arms). */
        Map<Long, Double> bySeed() {
            Map<Long, Double> out = new LinkedHashMap<>();
            for (Trial t : fresh) {
                Long seed = seed(t);
                if (seed != null) out.put(seed, t.objective());
            }
            return out;
        }

        /** Test skill of each fresh run that was evaluated. */
        public double[] freshSkills() {
            return fresh.stream().filter(t -> t.metrics() != null).mapToDouble(t -> t.metrics().skill()).toArray();
        }

    }

    /**
     * Ranks the confirmed trials.
     *
     * @param runs     the campaign's confirmation runs (any state; {@code Store#confirmationRuns})
     * @param original the trial a run confirms, by id
     */
    public static ConfirmedRanking of(List<Trial> runs, LongFunction<Trial> original, String objective,
                                      Direction direction) {
        Map<Long, List<Trial>> done = new LinkedHashMap<>();
        Map<Long, Integer> pending = new LinkedHashMap<>();
        for (Trial t : runs) {
            if (t.confirmOf() == null) continue;
            done.computeIfAbsent(t.confirmOf(), k -> new ArrayList<>());
            if (usable(t)) done.get(t.confirmOf()).add(t);
            else if (t.state() == TrialState.WAITING || t.state() == TrialState.RUNNING) {
                pending.merge(t.confirmOf(), 1, Integer::sum);
            }
        }
        List<Arm> arms = new ArrayList<>();
        for (Map.Entry<Long, List<Trial>> e : done.entrySet()) {
            Trial o = original.apply(e.getKey());
            if (o == null) continue;
            List<Trial> fresh = e.getValue().stream().sorted(Comparator.comparingInt(Trial::number)).toList();
            arms.add(new Arm(o, fresh, pending.getOrDefault(e.getKey(), 0)));
        }
        // ranked arms first, best fresh mean first; the others after them by number
        arms.sort(Comparator.comparing((Arm a) -> !a.ranked())
                .thenComparing((x, y) -> x.ranked() && y.ranked() ? byMean(x, y, direction) : 0)
                .thenComparingInt(a -> a.original().number()));
        return new ConfirmedRanking(List.copyOf(arms), objective, direction);
    }

    private static int byMean(Arm x, Arm y, Direction direction) {
        int c = Double.compare(x.mean(), y.mean());
        return direction == Direction.MAXIMIZE ? -c : c;
    }

    private static boolean usable(Trial t) {
        return t.state() == TrialState.COMPLETE && t.objective() != null && Double.isFinite(t.objective());
    }

    static Long seed(Trial t) {
        Object s = t.params().get("seed");
        return s instanceof Number n ? n.longValue() : null;
    }

    /**
     * How many of the arm's evaluated fresh runs beat {@code baseline} after Holm's correction across every fresh
     * run of the ranking tested against it ({@link #freshTested}): each run's test is a claim of its own, so the
     * count is corrected like the leaderboard's green (one lucky run among 12 is no evidence).
     */
    public long freshBeats(Arm arm, Verdict.Baseline baseline) {
        List<Trial> runs = new ArrayList<>();
        List<Verdict> raw = new ArrayList<>();
        for (Arm a : arms) {
            for (Trial t : a.fresh()) {
                if (t.metrics() == null) continue;
                runs.add(t);
                raw.add(baseline == Verdict.Baseline.PERSISTENCE ? Verdict.persistence(t.metrics()) : Verdict.ridge(t.metrics()));
            }
        }
        double[] p = raw.stream().mapToDouble(v -> v.pValue() == null ? Double.NaN : v.pValue()).toArray();
        double[] adjusted = Holm.adjust(p);
        long beats = 0;
        for (int i = 0; i < runs.size(); i++) {
            if (!arm.fresh().contains(runs.get(i)) || raw.get(i).kind() != Verdict.Kind.BEATS) continue;
            if (adjusted[i] < DieboldMariano.ALPHA) beats++;
        }
        return beats;
    }

    /** How many fresh runs of the ranking were tested against {@code baseline}: the family of {@link #freshBeats}. */
    public long freshTested(Verdict.Baseline baseline) {
        return arms.stream().flatMap(a -> a.fresh().stream()).filter(t -> t.metrics() != null).map(t ->
                baseline == Verdict.Baseline.PERSISTENCE ? Verdict.persistence(t.metrics()) : Verdict.ridge(t.metrics()))
                .filter(v -> v.kind() != Verdict.Kind.UNTESTED).count();
    }

    /** True when the campaign had confirmation runs at all. */
    public boolean confirming() {
        return !arms.isEmpty();
    }

    /** The best fresh mean among the trials with at least {@value #MIN_FRESH} fresh runs; empty when none has. */
    public Optional<Arm> winner() {
        return arms.isEmpty() || !arms.get(0).ranked() ? Optional.empty() : Optional.of(arms.get(0));
    }

    /** The ranked arms (enough fresh runs), best first. */
    public List<Arm> ranked() {
        return arms.stream().filter(Arm::ranked).toList();
    }

    /** Every ranked arm's fresh runs gave one value: the seed changes nothing, so no test is needed or meaningful. */
    public boolean deterministic() {
        List<Arm> r = ranked();
        return !r.isEmpty() && r.stream().allMatch(a -> a.sd() == 0);
    }

    /** #1 against #2 on fresh seeds; empty with fewer than two ranked arms. */
    public Optional<SeedLead> lead() {
        List<Arm> r = ranked();
        return r.size() < 2 ? Optional.empty() : Optional.of(SeedLead.of(r.get(0), r.get(1)));
    }

    /** The fewest fresh runs among the ranked arms (what the power sentence is about). */
    public int freshPerArm() {
        return ranked().stream().mapToInt(Arm::n).min().orElse(0);
    }

    /** The end report in plain words: the winner (or why there is none), its lead, the power, the baselines. */
    public List<String> sentences() {
        List<String> out = new ArrayList<>();
        Optional<Arm> won = winner();
        if (won.isEmpty()) {
            int most = arms.stream().mapToInt(Arm::n).max().orElse(0);
            long pending = arms.stream().mapToInt(Arm::pending).sum();
            out.add("no confirmed winner: a trial needs at least " + MIN_FRESH + " finished fresh seeds (the most any"
                    + " confirmed trial has is " + most + (pending > 0 ? "; " + pending + " still to run" : "")
                    + "); the best is the best searched trial");
            return out;
        }
        Arm w = won.get();
        out.add(String.format(Locale.ROOT, "confirmed winner: trial %s, mean %s %s ± %s over %d fresh seeds%s; its"
                        + " selected run (%s) scored %s and is reported apart, not averaged in",
                w.original().label(), objective, num(w.mean()), num(w.sd()), w.n(), seeds(w),
                seed(w.original()) == null ? "the one the search chose" : "the search's, seed " + seed(w.original()),
                num(w.original().objective())));
        List<Arm> r = ranked();
        if (deterministic()) {
            out.add("the seed has no effect on this model: the ranking is deterministic (every confirmed trial's"
                    + " fresh runs give one value" + (r.size() > 1 ? "; #2, trial " + r.get(1).original().label()
                    + ", is " + num(Math.abs(r.get(1).mean() - w.mean())) + " behind on every seed" : "") + ")");
            return withBaselines(out, w);
        }
        Optional<SeedLead> lead = lead();
        if (lead.isEmpty()) {
            out.add("only one trial was confirmed: there is no runner-up to compare with");
        } else {
            Arm second = r.get(1);
            SeedLead l = lead.get();
            String gap = String.format(Locale.ROOT, "its lead over #2 (trial %s, %s ± %s) is %s",
                    second.original().label(), num(second.mean()), num(second.sd()), num(l.gap()));
            if (Double.isNaN(l.pValue())) out.add(gap + ", but the runs cannot be compared with seed noise");
            else if (l.significant()) out.add(gap + ": larger than seed noise (" + l.method() + ")");
            else out.add(gap + ": within seed noise (" + l.method() + "): treat the top two as tied");
        }
        out.add(SeedPower.sentence(freshPerArm(), SeedLead.ALPHA));
        return withBaselines(out, w);
    }

    private List<String> withBaselines(List<String> out, Arm w) {
        double[] skills = w.freshSkills();
        if (skills.length == 0) {
            out.add("the winner's fresh runs have no test metrics to set against the baselines");
            return out;
        }
        String original = w.original().metrics() == null ? ""
                : "; its selected run, uncorrected, " + Verdict.persistence(w.original().metrics()).predicate();
        out.add(String.format(Locale.ROOT, "on the test windows %d of %d fresh runs beat persistence (Diebold–Mariano"
                        + " per run, Holm across the %d fresh runs tested), test skill %s ± %s over them%s",
                freshBeats(w, Verdict.Baseline.PERSISTENCE), skills.length, freshTested(Verdict.Baseline.PERSISTENCE),
                num(StatUtils.mean(skills)),
                num(skills.length < 2 ? Double.NaN : Math.sqrt(StatUtils.variance(skills))), original));
        long ridgeTested = w.fresh().stream().filter(t -> t.metrics() != null
                && Verdict.ridge(t.metrics()).kind() != Verdict.Kind.UNTESTED).count();
        if (ridgeTested > 0) {
            out.add(String.format(Locale.ROOT, "against the ridge baseline on the same windows %d of %d fresh runs"
                    + " beat it (Holm across the %d fresh runs tested)", freshBeats(w, Verdict.Baseline.RIDGE), ridgeTested,
                    freshTested(Verdict.Baseline.RIDGE)));
        }
        return out;
    }

    private static String seeds(Arm a) {
        long[] s = a.fresh().stream().map(ConfirmedRanking::seed).filter(x -> x != null).mapToLong(Long::longValue)
                .sorted().toArray();
        return s.length == 0 ? "" : " (seed" + (s.length == 1 ? " " : "s ") + String.join(", ",
                Arrays.stream(s).mapToObj(Long::toString).toList()) + ")";
    }

    static String num(double v) {
        if (Double.isNaN(v)) return "n/a";
        double a = Math.abs(v);
        if (a == 0) return "0";
        if (a >= 1000) return String.format(Locale.ROOT, "%.1f", v);
        if (a >= 0.001) return String.format(Locale.ROOT, "%.4g", v);
        return String.format(Locale.ROOT, "%.3e", v);
    }
}
