package dev.lstmtuner.analysis;

import dev.lstmtuner.result.LockboxScore;
import dev.lstmtuner.store.LockboxOpening;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The lockbox verdict of a campaign: its latest score on the lockbox (the confirmed winner, trained on every bar
 * before the lockbox, against persistence on the lockbox windows), when it was opened and how often it was
 * reopened. When there is one it is the campaign's headline, before any verdict on the test split: it is the only
 * score on bars no selection step and no earlier look at the results could have touched (while reopened 0×).
 */
public record LockboxVerdict(LockboxScore score, Verdict verdict, Instant openedAt, int reopenings) {

    /** The verdict from the campaign's openings; empty while the lockbox is unopened (or there is none). */
    public static Optional<LockboxVerdict> of(List<LockboxOpening> openings) {
        LockboxOpening last = null;
        int reopenings = 0;
        for (LockboxOpening o : openings) {
            if (o.reopening()) reopenings++;
            if (o.kind() == LockboxOpening.Kind.SCORE) last = o;
        }
        if (last == null) return Optional.empty();
        LockboxScore s = last.score();
        return Optional.of(new LockboxVerdict(s, Verdict.of(Verdict.Baseline.PERSISTENCE, s.skill(), s.pValue()), last.openedAt(),
                reopenings));
    }

    /** "lockbox (… bars, …): trial #7 beats persistence (p = 0.01), skill 0.012; opened …; lockbox reopened 2×". */
    public String headline() {
        return String.format(Locale.ROOT, "lockbox verdict: trial #%d %s on the %d lockbox windows, skill %.4g (RMSE"
                        + " %.6g vs persistence %.6g); opened %s%s", score.trialNumber(), verdict.words(), score.windows(),
                score.skill(), score.modelRmse(), score.persistenceRmse(), openedAt,
                reopenings == 0 ? ", never reopened" : "; lockbox reopened " + reopenings + "×");
    }
}
