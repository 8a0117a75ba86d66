package dev.lstmtuner.web;

import dev.lstmtuner.analysis.Comparability;
import dev.lstmtuner.analysis.PairwiseDm;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.store.Trial;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Builds the A/B comparison of 2–4 trials, from one campaign or several. The reference (first column) is the best
 * trial by objective when every trial shares the objective and its direction, unless the caller pins one; each other
 * trial is tested against it with Diebold–Mariano where the two forecast the same thing (else the pair carries the
 * refusal), Holm-corrected when more than one pair is tested.
 */
public final class Comparison {
    private final LeaderboardService service;
    private final TrialDetails details;

    public Comparison(LeaderboardService service, TrialDetails details) {
        this.service = service;
        this.details = details;
    }

    public CompareView compare(List<Long> ids, Long pin) {
        if (pin != null && !ids.contains(pin)) {
            throw ApiException.badParameter("pin", "'pin' must be one of the compared ids " + ids + ", got " + pin);
        }
        List<Trial> trials = new ArrayList<>(ids.stream().map(service::trial).toList());
        String order = order(trials, pin);
        // the verdicts and direction tests as the leaderboard shows them, corrected across each trial's campaign
        // (a large campaign's page verdicts: computing them on the request took minutes at 100k trials)
        List<TrialRow> rows = trials.stream().map(service::pageRow).toList();

        LinkedHashSet<String> names = new LinkedHashSet<>();
        trials.forEach(t -> names.addAll(t.params().keySet()));
        List<CompareView.ParamRow> params = new ArrayList<>();
        for (String name : names) {
            List<Object> values = new ArrayList<>();
            trials.forEach(t -> values.add(t.params().get(name)));
            boolean differs = values.stream().anyMatch(v -> !LeaderboardService.sameValue(v, values.get(0)));
            params.add(new CompareView.ParamRow(name, values, differs));
        }

        List<CompareView.MetricRow> metrics = new ArrayList<>();
        boolean oneObjective = sharedObjective(trials) != null;
        metrics.add(metricRow("objective", rows.stream().map(TrialRow::objective).toList(),
                oneObjective ? !direction(trials.get(0)).equals(Direction.MAXIMIZE) : null));
        for (Objective m : Objective.values()) {
            metrics.add(metricRow(m.key(), rows.stream().map(r -> r.metrics().get(m.key())).toList(), lowerIsBetter(m)));
        }

        List<PairwiseDm.Side> others = new ArrayList<>();
        for (int i = 1; i < trials.size(); i++) others.add(side(trials.get(i)));
        List<PairwiseDm.Row> dm = PairwiseDm.against(side(trials.get(0)), others);
        return new CompareView(rows, params, metrics, dm, order, PairwiseDm.correctionNote(dm, label(trials.get(0))));
    }

    /** Puts the pinned trial, else the best by objective, first; says which rule applied. */
    private String order(List<Trial> trials, Long pin) {
        String objective = sharedObjective(trials);
        if (objective != null) {
            Comparator<Double> byValue = direction(trials.get(0)) == Direction.MAXIMIZE
                    ? Comparator.<Double>reverseOrder() : Comparator.<Double>naturalOrder();
            trials.sort(Comparator.comparing(t -> t.objective() == null || t.objective().isNaN() ? null : t.objective(),
                    Comparator.nullsLast(byValue)));
        }
        if (pin != null) {
            Trial p = trials.stream().filter(t -> t.id() == pin).findFirst().orElseThrow();
            trials.remove(p);
            trials.add(0, p);
            return "pinned: " + label(p) + " is the reference";
        }
        if (objective == null) return "as given: the trials do not share one objective and direction, so none is ranked";
        return "best first by " + objective + ": " + label(trials.get(0)) + " is the reference";
    }

    /** The objective every trial's campaign optimises (name and direction), null when they differ. */
    private String sharedObjective(List<Trial> trials) {
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        for (Trial t : trials) {
            Campaign c = service.requireCampaign(t.campaign());
            seen.add(c.objective() + " (" + c.direction().label() + ")");
        }
        return seen.size() == 1 ? seen.iterator().next() : null;
    }

    private Direction direction(Trial t) {
        return service.requireCampaign(t.campaign()).direction();
    }

    static String label(Trial t) {
        return "#" + t.number() + " (" + t.campaign() + ")";
    }

    /** Lower or higher is better for forecast metrics; null (no judgement) for size, cost and the p-value. */
    static Boolean lowerIsBetter(Objective m) {
        return switch (m) {
            case TEST_R2, DIRECTION_ACCURACY, SKILL -> false;
            case VAL_RMSE, VAL_LOSS, TEST_MAE, TEST_RMSE, TEST_MAPE, PERSISTENCE_RMSE -> true;
            default -> null;
        };
    }

    /** {@code bestIndex} is set only when one trial is strictly best (ties and undirected rows are not marked). */
    static CompareView.MetricRow metricRow(String key, List<Double> values, Boolean lowerBetter) {
        List<Double> deltas = new ArrayList<>();
        for (Double v : values) deltas.add(v == null || values.get(0) == null ? null : v - values.get(0));
        Integer best = null;
        if (lowerBetter != null && values.stream().filter(v -> v != null).count() > 1) {
            Double top = null;
            for (Double v : values) if (v != null && (top == null || (lowerBetter ? v < top : v > top))) top = v;
            final Double t = top;
            if (values.stream().filter(v -> v != null && v.equals(t)).count() == 1) best = values.indexOf(t);
        }
        return new CompareView.MetricRow(key, values, deltas, lowerBetter == null ? null : lowerBetter ? "lower" : "higher", best);
    }

    /**
     * Only the Diebold–Mariano test of two trials: a 400 naming the difference when they forecast different things
     * (symbol, target, horizon or data), unlike {@link #compare}, which still shows their params and metrics.
     */
    public PairwiseDm.Row dmOnly(List<Long> ids) {
        Trial a = service.trial(ids.get(0)), b = service.trial(ids.get(1));
        PairwiseDm.Side sa = side(a), sb = side(b);
        String refusal = Comparability.refusal(a, sa.what(), b, sb.what());
        if (refusal != null) throw ApiException.badParameter("ids", refusal);
        return PairwiseDm.test(sa, sb);
    }

    private PairwiseDm.Side side(Trial t) {
        return details.side(t);
    }
}
