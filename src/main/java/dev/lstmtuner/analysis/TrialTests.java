package dev.lstmtuner.analysis;

import dev.lstmtuner.store.Trial;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The tests every view shows beside one trial's scores, read from its campaign's {@link CampaignVerdicts}: the
 * verdict against persistence corrected across the campaign (raw p beside it) and the Pesaran–Timmermann direction
 * test beside its direction accuracy (Holm across the same trials, raw p beside it). A confirmation run is no try
 * of its own: it keeps its raw verdict, says so, and has no direction test. Each campaign's verdicts are asked for
 * once ({@code verdicts}: computed, or the web's cache).
 */
public final class TrialTests {
    private final Function<String, CampaignVerdicts> verdicts;
    private final Map<String, CampaignVerdicts> read = new HashMap<>();

    public TrialTests(Function<String, CampaignVerdicts> verdicts) {
        this.verdicts = verdicts;
    }

    /** The campaign's verdicts (asked for once). */
    public CampaignVerdicts campaign(String name) {
        return read.computeIfAbsent(name, verdicts);
    }

    private CampaignVerdicts of(Trial t) {
        return campaign(t.campaign());
    }

    /** The corrected verdict, when the trial is one of its campaign's COMPLETE sampled trials. */
    public Optional<TrialVerdicts.TrialVerdict> corrected(Trial t) {
        if (t.confirmOf() != null || t.metrics() == null) return Optional.empty();
        return of(t).trial(t.number());
    }

    /** Its direction test, when it is one of the campaign's COMPLETE sampled trials with readable predictions. */
    public Optional<CampaignVerdict.Direction> direction(Trial t) {
        if (t.confirmOf() != null || t.metrics() == null) return Optional.empty();
        return of(t).direction(t.number());
    }

    /** The verdict against persistence in words: corrected where it can be, else the run's own ("–" without one). */
    public String persistence(Trial t) {
        if (t.metrics() == null) return "–";
        return corrected(t).map(TrialVerdicts.TrialVerdict::words).orElseGet(() ->
                Verdict.persistence(t.metrics()).words() + (t.confirmOf() != null
                        ? " (a confirmation run: uncorrected, not a try of its own)" : " (uncorrected)"));
    }

    /** beats, no_better, worse or untested, as {@link #persistence} words it. */
    public String persistenceKind(Trial t) {
        if (t.metrics() == null) return null;
        return corrected(t).map(v -> v.kind().name().toLowerCase(Locale.ROOT))
                .orElseGet(() -> Verdict.persistence(t.metrics()).kindName());
    }

    /** The direction test as a table cell ("–" where the trial has none). */
    public String directionCell(Trial t) {
        return direction(t).map(CampaignVerdict.Direction::cell).orElse("–");
    }
}
