package dev.lstmtuner.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Several trials' test errors on the windows they all share, aligned by forecast time, so a campaign-wide test
 * scores every trial on the same targets. A trial whose actual value or last close differs from the others' at a
 * shared time forecasts another target (other data, symbol or horizon): it is left out and named.
 * {@code modelErrors[k][t]} is trial {@code trials.get(k)}'s error (predicted − actual) at {@code time.get(t)};
 * {@code persistenceErrors[t]} is persistence's (last close − actual). {@code fewest}/{@code most}: the trials'
 * own window counts, which differ when their test windows differ.
 */
public record CommonWindows(List<Integer> trials, List<String> time, double[][] modelErrors,
                            double[] persistenceErrors, List<Integer> otherTarget, int fewest, int most) {

    public int size() {
        return time.size();
    }

    /** True when some trial had windows that are not shared by all. */
    public boolean trimmed() {
        return fewest != most || most != size();
    }

    /** "on the 1,302 test windows all 38 trials share (their own: 1,280-1,302 windows)". */
    public String words() {
        String base = String.format("on the %,d test windows %s", size(), trials.size() == 1 ? "of the trial"
                : "all " + trials.size() + " trials share");
        if (trimmed()) base += String.format(" (their test windows differ, %,d-%,d each: aligned by time, the"
                + " common ones used)", fewest, most);
        if (!otherTarget.isEmpty()) base += "; left out, forecasting another target: " + labels(otherTarget);
        return base;
    }

    public static CommonWindows of(List<TestForecast> forecasts) {
        if (forecasts.isEmpty()) return new CommonWindows(List.of(), List.of(), new double[0][], new double[0], List.of(), 0, 0);
        Predictions ref = forecasts.get(0).predictions();
        for (TestForecast f : forecasts) if (f.predictions().size() > ref.size()) ref = f.predictions();
        Map<String, Integer> refIndex = index(ref);
        List<TestForecast> kept = new ArrayList<>();
        List<Integer> other = new ArrayList<>();
        int fewest = Integer.MAX_VALUE, most = 0;
        boolean[] inAll = new boolean[ref.size()];
        Arrays.fill(inAll, true);
        for (TestForecast f : forecasts) {
            Predictions p = f.predictions();
            boolean same = p.time().equals(ref.time());
            boolean[] seen = new boolean[ref.size()];
            boolean compatible = true;
            for (int i = 0; i < p.size() && compatible; i++) {
                Integer j = same ? Integer.valueOf(i) : refIndex.get(p.time().get(i));
                if (j == null) continue;
                compatible = close(p.actual()[i], ref.actual()[j]) && close(p.lastClose()[i], ref.lastClose()[j]);
                seen[j] = Double.isFinite(p.predicted()[i]);
            }
            if (!compatible) {
                other.add(f.trial());
                continue;
            }
            kept.add(f);
            fewest = Math.min(fewest, p.size());
            most = Math.max(most, p.size());
            for (int j = 0; j < inAll.length; j++) inAll[j] &= seen[j];
        }
        List<String> time = new ArrayList<>();
        List<Integer> refRows = new ArrayList<>();
        for (int j = 0; j < inAll.length; j++) {
            if (inAll[j] && !kept.isEmpty()) {
                time.add(ref.time().get(j));
                refRows.add(j);
            }
        }
        int n = time.size();
        double[] persistence = new double[n];
        for (int t = 0; t < n; t++) persistence[t] = ref.lastClose()[refRows.get(t)] - ref.actual()[refRows.get(t)];
        double[][] errors = new double[kept.size()][n];
        List<Integer> trials = new ArrayList<>();
        for (int k = 0; k < kept.size(); k++) {
            Predictions p = kept.get(k).predictions();
            trials.add(kept.get(k).trial());
            boolean same = p.time().equals(ref.time());
            Map<String, Integer> own = same ? null : index(p);
            for (int t = 0; t < n; t++) {
                int i = same ? refRows.get(t) : own.get(time.get(t));
                errors[k][t] = p.predicted()[i] - p.actual()[i];
            }
        }
        return new CommonWindows(List.copyOf(trials), List.copyOf(time), errors, persistence, List.copyOf(other),
                kept.isEmpty() ? 0 : fewest, most);
    }

    private static Map<String, Integer> index(Predictions p) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < p.size(); i++) m.put(p.time().get(i), i);
        return m;
    }

    private static boolean close(double a, double b) {
        return a == b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
    }

    static String labels(List<Integer> trials) {
        StringBuilder s = new StringBuilder();
        for (int t : trials) s.append(s.length() == 0 ? "#" : ", #").append(t);
        return s.toString();
    }
}
