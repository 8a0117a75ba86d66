package dev.lstmtuner.analysis;

import dev.lstmtuner.stats.DieboldMariano;
import dev.lstmtuner.stats.Holm;
import dev.lstmtuner.stats.PesaranTimmermann;
import dev.lstmtuner.stats.SuperiorPredictiveAbility;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The campaign-wide answer to "does the best of this campaign beat persistence, given how many I tried?": Hansen's
 * SPA test (consistent p-value, on raw mean loss differences: see {@link SuperiorPredictiveAbility#test}) over the
 * squared test errors of every COMPLETE sampled trial on the windows they
 * all share, persistence the benchmark, a stationary bootstrap with mean block max(h, √n) and a fixed seed (the same
 * campaign always gives the same p). Beside it, each trial's Pesaran–Timmermann direction test on its own test
 * windows, Holm-adjusted across the same trials, as the accuracy verdicts are ({@link TrialVerdicts}).
 */
public record CampaignVerdict(CommonWindows windows, SuperiorPredictiveAbility.Result spa,
                              Map<Integer, Direction> direction) {
    public static final int REPS = 1000;
    public static final long SEED = 20050101L;

    /** A trial's direction test: raw and Holm-adjusted one-sided p (null when it could not be tested). */
    public record Direction(int trial, PesaranTimmermann.Result test, Double adjustedP) {
        public boolean significant() {
            return adjustedP != null && adjustedP < DieboldMariano.ALPHA;
        }

        /** better, no_better or untested: the only thing that may colour a direction accuracy green. */
        public String kindName() {
            return !test.tested() ? "untested" : significant() ? "better" : "no_better";
        }

        /**
         * What a table shows beside the direction accuracy, short enough for a terminal column: "better than the
         * coin (50.9 %; PT Holm p = 0.003, raw p = 0.0001)" (the coin that knows the base rates: its expected hit
         * rate in brackets; PT: Pesaran–Timmermann), "no better than …", or "not tested (why)".
         */
        public String cell() {
            if (!test.tested()) return "not tested (" + test.note() + ")";
            return String.format(Locale.ROOT, "%s the coin (%.1f %%; PT Holm %s, raw %s)",
                    significant() ? "better than" : "no better than", 100 * test.expectedHitRate(),
                    TrialVerdicts.p(adjustedP), TrialVerdicts.p(test.pValue()));
        }

        /** "direction 56.2 % vs base-rate coin 50.9 % (Pesaran–Timmermann Holm p = 0.003; raw p = 0.0001)". */
        public String words() {
            if (!test.tested()) return test.words();
            return String.format(Locale.ROOT, "direction %.1f %% vs base-rate coin %.1f %% (%s Pesaran–Timmermann,"
                            + " Holm %s; raw %s)", 100 * test.hitRate(), 100 * test.expectedHitRate(),
                    significant() ? "better than the coin:" : "not better than the coin:",
                    TrialVerdicts.p(adjustedP), TrialVerdicts.p(test.pValue()));
        }
    }

    /** True when the SPA test says the best trial beats persistence after allowing for the number tried. */
    public boolean beats() {
        return spa != null && spa.pValue() < DieboldMariano.ALPHA && spa.best() >= 0;
    }

    public int tried() {
        return windows.trials().size();
    }

    /** One sentence for the end of {@code search}, {@code best}, the banner and the report. */
    public String words() {
        if (spa == null) {
            return "Campaign-wide test not run: " + (tried() == 0 ? "no COMPLETE trial has test predictions"
                    : "too few common test windows (" + windows.size() + ")") + ".";
        }
        String p = TrialVerdicts.p(spa.pValue());
        if (beats()) {
            // the SPA null is "no trial beats persistence"; which one does is not the test's to say: the named
            // winner stays the validation-chosen one
            return String.format(Locale.ROOT, "At least one of the %d trials tried beats persistence, even allowing"
                    + " for how many were tried (Hansen's SPA, %s, %s).", tried(), p, windows.words());
        }
        return String.format(Locale.ROOT, "No trial beats persistence once the %d tried are allowed for (Hansen's"
                + " SPA, %s, %s).", tried(), p, windows.words());
    }

    public static CampaignVerdict of(List<TestForecast> forecasts) {
        CommonWindows w = CommonWindows.of(forecasts);
        Map<Integer, Direction> direction = directions(forecasts);
        if (w.trials().isEmpty() || w.size() < 3) return new CampaignVerdict(w, null, direction);
        int n = w.size(), horizon = 1;
        for (TestForecast f : forecasts) horizon = Math.max(horizon, f.horizon());
        double[] benchmark = new double[n];
        for (int t = 0; t < n; t++) benchmark[t] = w.persistenceErrors()[t] * w.persistenceErrors()[t];
        double[][] loss = new double[w.trials().size()][n];
        for (int k = 0; k < loss.length; k++) {
            for (int t = 0; t < n; t++) loss[k][t] = w.modelErrors()[k][t] * w.modelErrors()[k][t];
        }
        double block = Math.max(horizon, Math.sqrt(n));
        SuperiorPredictiveAbility.Result spa = SuperiorPredictiveAbility.test(benchmark, loss, block, REPS, SEED, false);
        return new CampaignVerdict(w, spa, direction);
    }

    private static Map<Integer, Direction> directions(List<TestForecast> forecasts) {
        PesaranTimmermann.Result[] tests = new PesaranTimmermann.Result[forecasts.size()];
        double[] raw = new double[tests.length];
        for (int i = 0; i < tests.length; i++) {
            Predictions p = forecasts.get(i).predictions();
            tests[i] = PesaranTimmermann.test(p.predicted(), p.actual(), p.lastClose());
            raw[i] = tests[i].pValue();
        }
        double[] adjusted = Holm.adjust(raw);
        Map<Integer, Direction> out = new LinkedHashMap<>();
        for (int i = 0; i < tests.length; i++) {
            out.put(forecasts.get(i).trial(), new Direction(forecasts.get(i).trial(), tests[i],
                    Double.isNaN(adjusted[i]) ? null : adjusted[i]));
        }
        return out;
    }
}
