package dev.lstmtuner.web;

import dev.lstmtuner.analysis.CampaignVerdict;

/**
 * A trial's Pesaran–Timmermann direction test as the API shows it beside its direction accuracy ({@code words}:
 * analysis' table cell; {@code kind} better / no_better / untested, the only thing that may colour it): hit rate and
 * the base-rate coin's expected hit rate over {@code n} moving test bars, the Holm p across the campaign's COMPLETE
 * trials ({@code p}) and the raw one-sided p beside it.
 */
public record DirectionTest(String words, String kind, Double hitRate, Double coinRate, Double p, Double rawP, int n) {

    static DirectionTest of(CampaignVerdict.Direction d) {
        if (d == null) return null;
        return new DirectionTest(d.cell(), d.kindName(), TrialRow.finite(d.test().hitRate()),
                TrialRow.finite(d.test().expectedHitRate()), d.adjustedP(), TrialRow.finite(d.test().pValue()),
                d.test().n());
    }
}
