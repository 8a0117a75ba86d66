package dev.lstmtuner.web;

import dev.lstmtuner.analysis.AbComparison;
import dev.lstmtuner.analysis.AbTable;
import dev.lstmtuner.search.plan.AbPlan;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The A/B view of a plan campaign, as the API gives it ({@code /api/ab?campaign=NAME}): {@link AbTable}'s rows
 * with NaN as null (JSON has no NaN) and each run's trial id for its link; {@code plan} false for a campaign that
 * is a search (then nothing else is set).
 */
public record AbView(boolean plan, String campaign, String objective, String direction, Integer seeds,
                     List<Arm> arms, Double persistenceMae, Double persistenceRmse, String chosen, Integer chosenRun,
                     String correction, String rule) {
    static final String RULE = "Every arm runs with the same seeds; mean ± sd over them. Arms are ranked on the"
            + " validation objective; the test columns are reported, never used to choose. Each variant is compared"
            + " with the baseline seed by seed on validation (paired t-test) and on the test windows (Diebold–Mariano"
            + " on its seed-averaged squared errors), both Holm-corrected across the variants: \"better\" or \"worse"
            + " than the baseline\" only when both agree at p < 0.05.";

    /** One arm; {@code verdict} null for the baseline. */
    public record Arm(String arm, String change, List<Long> trialIds, List<Integer> trials, int pending,
                      Double objective, Double objectiveSd, Double mae, Double maeSd, Double rmse, Double rmseSd,
                      Double skill, int n, boolean chosen, String verdict, String verdictKind, String reason,
                      Double meanDifference, Double seedP, Double seedPHolm, Double dmP, Double dmPHolm,
                      Integer dmWindows, String dmError) {
    }

    /** The campaign's view, cached like every read. */
    static AbView of(LeaderboardService service, String name) {
        Campaign c = service.requireCampaign(name);
        return service.cache().get("ab|" + name, () -> {
            Optional<AbPlan> plan = AbPlan.of(c);
            if (plan.isEmpty()) return new AbView(false, name, null, null, null, List.of(), null, null, null, null, null, null);
            return of(service.store(), AbTable.of(service.store(), c, plan.get()));
        });
    }

    static AbView of(Store store, AbTable t) {
        List<Arm> arms = new ArrayList<>();
        for (AbTable.Row r : t.rows()) {
            List<Long> ids = r.trials().stream().map(n -> store.trial(t.campaign(), n).map(Trial::id).orElse(null)).toList();
            AbComparison v = r.vsBaseline();
            boolean dm = v != null && v.dm() != null;
            arms.add(new Arm(r.arm(), r.change(), ids, r.trials(), r.pending(), num(r.objective().mean()),
                    num(r.objective().sd()), num(r.mae().mean()), num(r.mae().sd()), num(r.rmse().mean()),
                    num(r.rmse().sd()), num(r.skill().mean()), r.objective().n(), r.chosen(),
                    v == null ? null : v.words(), v == null ? null : v.verdict().name().toLowerCase(),
                    v == null ? null : v.reason(), v == null ? null : num(v.meanDifference()),
                    v == null ? null : num(v.seedP()), v == null ? null : num(v.seedPAdjusted()),
                    dm ? v.dm().pValue() : null, dm ? v.dm().pAdjusted() : null, dm ? v.dm().n() : null,
                    dm ? v.dm().error() : null));
        }
        return new AbView(true, t.campaign(), t.objective(), t.direction().label(), t.seeds(), arms,
                num(t.persistenceMae().mean()), num(t.persistenceRmse().mean()), t.chosen(), t.chosenRun(), t.correction(), RULE);
    }

    private static Double num(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
