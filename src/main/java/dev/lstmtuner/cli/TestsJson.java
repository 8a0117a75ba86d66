package dev.lstmtuner.cli;

import dev.lstmtuner.analysis.CampaignVerdict;
import dev.lstmtuner.analysis.TrialTests;
import dev.lstmtuner.analysis.TrialVerdicts;
import dev.lstmtuner.store.Trial;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code --json} shape of a trial's corrected tests ({@link TrialTests}), beside the run's raw {@code verdict}
 * under {@code metrics}: {@code corrected_verdict} (Holm across the campaign's COMPLETE trials, gated by the SPA
 * test) and {@code direction_test} (Pesaran–Timmermann, Holm across the same trials); null where the trial is not
 * one of the campaign's tests.
 */
final class TestsJson {
    private TestsJson() {
    }

    /** Adds both keys to a trial's JSON. */
    static Map<String, Object> add(Map<String, Object> trial, Trial t, TrialTests tests) {
        trial.put("corrected_verdict", tests.corrected(t).map(TestsJson::verdict).orElse(null));
        trial.put("direction_test", tests.direction(t).map(TestsJson::direction).orElse(null));
        return trial;
    }

    private static Map<String, Object> verdict(TrialVerdicts.TrialVerdict v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("words", v.words());
        m.put("kind", v.kind().name().toLowerCase(Locale.ROOT));
        m.put("holm_p", v.adjustedP());
        m.put("raw_p", v.rawP());
        m.put("family", v.family());
        return m;
    }

    private static Map<String, Object> direction(CampaignVerdict.Direction d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("words", d.cell());
        m.put("kind", d.kindName());
        m.put("hit_rate", finite(d.test().hitRate()));
        m.put("coin_hit_rate", finite(d.test().expectedHitRate()));
        m.put("moving_bars", d.test().n());
        m.put("holm_p", d.adjustedP());
        m.put("raw_p", finite(d.test().pValue()));
        return m;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
