package dev.lstmtuner.search;

import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.stats.PersistenceVerdict;
import dev.lstmtuner.store.Trial;

import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.inference.TTest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The confirmed trials of a campaign ranked by their mean objective over all their runs (the original and its
 * COMPLETE confirmation runs), with the sample sd, and the end report in plain words.
 * <p>
 * "The lead exceeds seed noise" means: Welch's two-sided t-test of the winner's run objectives against #2's gives
 * p < 0.05 (unequal variances; at least two runs each). Otherwise the top two are within seed noise and should be
 * treated as tied. The winner's standing against persistence is its original run's Diebold–Mariano verdict on the
 * test windows, with how many of its runs beat persistence and its test skill's mean ± sd over the runs.
 */
public record ConfirmedRanking(List<Entry> entries, String objective, Direction direction) {
    /** Below this Welch p-value the winner's lead is called larger than seed noise. */
    public static final double ALPHA = 0.05;

    /** A confirmed trial: its original, its finished confirmation runs and the statistics over all its runs. */
    public record Entry(Trial original, List<Trial> confirmations, int pending, double[] objectives, double mean,
                        double sd) {
        public int runs() {
            return objectives.length;
        }

        /** Test skill of each COMPLETE run with metrics (the original first). */
        public double[] skills() {
            List<Trial> all = new ArrayList<>();
            all.add(original);
            all.addAll(confirmations);
            return all.stream().filter(t -> t.metrics() != null).mapToDouble(t -> t.metrics().skill()).toArray();
        }

        public long beatPersistence() {
            long n = original.metrics() != null && original.metrics().persistenceVerdict().kind()
                    == PersistenceVerdict.Kind.BEATS ? 1 : 0;
            return n + confirmations.stream().filter(t -> t.metrics() != null
                    && t.metrics().persistenceVerdict().kind() == PersistenceVerdict.Kind.BEATS).count();
        }
    }

    /** The ranking of the campaign's trials, empty when none was confirmed. */
    public static Optional<ConfirmedRanking> of(List<Trial> trials, String objective, Direction direction) {
        Map<Long, Trial> byId = new HashMap<>();
        Map<Long, List<Trial>> runs = new HashMap<>();
        Map<Long, Integer> pending = new HashMap<>();
        for (Trial t : trials) {
            byId.put(t.id(), t);
            if (t.confirmOf() == null) continue;
            runs.computeIfAbsent(t.confirmOf(), k -> new ArrayList<>());
            if (t.state() == TrialState.COMPLETE && t.objective() != null && !t.objective().isNaN()) {
                runs.get(t.confirmOf()).add(t);
            } else if (t.state() == TrialState.WAITING || t.state() == TrialState.RUNNING) {
                pending.merge(t.confirmOf(), 1, Integer::sum);
            }
        }
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<Long, List<Trial>> e : runs.entrySet()) {
            Trial original = byId.get(e.getKey());
            if (original == null || original.objective() == null) continue;
            List<Trial> done = e.getValue().stream().sorted(Comparator.comparingInt(Trial::number)).toList();
            double[] values = new double[done.size() + 1];
            values[0] = original.objective();
            for (int i = 0; i < done.size(); i++) values[i + 1] = done.get(i).objective();
            double sd = values.length < 2 ? Double.NaN : Math.sqrt(StatUtils.variance(values));
            entries.add(new Entry(original, done, pending.getOrDefault(e.getKey(), 0), values,
                    StatUtils.mean(values), sd));
        }
        if (entries.isEmpty()) return Optional.empty();
        Comparator<Entry> byMean = Comparator.comparingDouble(Entry::mean);
        if (direction == Direction.MAXIMIZE) byMean = byMean.reversed();
        entries.sort(byMean.thenComparingInt(x -> x.original().number()));
        return Optional.of(new ConfirmedRanking(List.copyOf(entries), objective, direction));
    }

    public Entry winner() {
        return entries.get(0);
    }

    /** Welch's two-sided p-value of #1's run objectives against #2's; NaN when it cannot be computed. */
    public double leadPValue() {
        if (entries.size() < 2) return Double.NaN;
        double[] a = entries.get(0).objectives(), b = entries.get(1).objectives();
        if (a.length < 2 || b.length < 2) return Double.NaN;
        if (StatUtils.variance(a) == 0 && StatUtils.variance(b) == 0) {
            return StatUtils.mean(a) == StatUtils.mean(b) ? 1.0 : 0.0; // no seed noise at all: any gap is real
        }
        return new TTest().tTest(a, b);
    }

    /** The end report's verdict sentences: the winner, its lead over #2 against seed noise, and persistence. */
    public List<String> sentences() {
        List<String> out = new ArrayList<>();
        Entry w = winner();
        out.add(String.format(Locale.ROOT, "confirmed winner: trial %s, mean %s %s ± %s over %d runs (the original"
                        + " and %d more seed%s)", w.original().label(), objective, num(w.mean()), num(w.sd()), w.runs(),
                w.runs() - 1, w.runs() == 2 ? "" : "s"));
        if (entries.size() < 2) {
            out.add("only one trial was confirmed: there is no runner-up to compare with");
        } else {
            Entry second = entries.get(1);
            double p = leadPValue();
            String lead = String.format(Locale.ROOT, "its lead over #2 (trial %s, %s ± %s) is %s", second.original().label(),
                    num(second.mean()), num(second.sd()), num(Math.abs(second.mean() - w.mean())));
            if (Double.isNaN(p)) {
                out.add(lead + ", but too few runs finished to compare it with seed noise (need 2 each)");
            } else if (p < ALPHA) {
                out.add(lead + ": larger than seed noise (Welch t-test on the runs, " + pText(p) + ")");
            } else {
                out.add(lead + ": within seed noise (Welch t-test on the runs, " + pText(p)
                        + "): treat the top two as tied");
            }
        }
        double[] skills = w.skills();
        String skill = String.format(Locale.ROOT, "; test skill %s ± %s over the runs", num(StatUtils.mean(skills)),
                num(skills.length < 2 ? Double.NaN : Math.sqrt(StatUtils.variance(skills))));
        if (w.original().metrics() == null) {
            out.add("the winner has no test metrics to set against persistence");
        } else if (w.original().metrics().persistenceVerdict().kind() != PersistenceVerdict.Kind.BEATS) {
            out.add("on the test windows the winner " + verb(w.original().metrics().persistenceVerdict())
                    + " (Diebold–Mariano, original run); " + w.beatPersistence() + " of " + skills.length
                    + " runs beat persistence" + skill);
        } else if (w.beatPersistence() == skills.length) {
            out.add("on the test windows the winner beats persistence: " + pText(w.original().metrics()
                    .persistencePValue()) + " (Diebold–Mariano, original run), and all " + skills.length
                    + " runs beat it" + skill);
        } else {
            out.add("on the test windows the winner's original run beats persistence (Diebold–Mariano, "
                    + pText(w.original().metrics().persistencePValue()) + "), but only " + w.beatPersistence() + " of "
                    + skills.length + " runs do: the edge over persistence does not survive a change of seed" + skill);
        }
        return out;
    }

    /** "beats persistence (p = 0.01)", "is no better than persistence (p = 0.4)", ... */
    public static String verb(PersistenceVerdict v) {
        return (v.kind() == PersistenceVerdict.Kind.BEATS ? "" : "is ") + v.words();
    }

    static String pText(double p) {
        return p < 0.001 ? "p < 0.001" : String.format(Locale.ROOT, "p = %.3g", p);
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
