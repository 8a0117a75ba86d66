package dev.lstmtuner.search;

import dev.lstmtuner.analysis.BestTrial;
import dev.lstmtuner.analysis.TopTrials;
import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.data.DataSource;
import dev.lstmtuner.data.GapPolicy;
import dev.lstmtuner.data.Intervals;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.search.space.SearchSpace;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.Note;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Warm starts ({@code "warm_start": {"campaign": "quick", "top_k": 5}}, {@code search --warm-start NAME}): a new
 * campaign begins where an earlier one got to. Its best {@code top_k} configs (the campaign's answer to "best":
 * {@link BestTrial}, then {@link TopTrials}' order) are enqueued first, and its finished trials inform the sampler
 * from the first proposal ({@link WarmTrials}). Only a campaign on the same question may be a source: the same
 * symbol, bar interval, target, horizon and objective (the data may differ, e.g. a later {@code to}); anything else
 * is refused naming what differs.
 */
public final class WarmStarts {
    static final int DEFAULT_TOP_K = 5;

    private WarmStarts() {
    }

    /** The experiment, warm-started from {@code campaign} when given ({@code --warm-start} wins over the file). */
    public static Experiment withCampaign(Experiment e, String campaign) {
        if (campaign == null) return e;
        int topK = e.warmStart() != null ? e.warmStart().topK() : DEFAULT_TOP_K;
        return e.withWarmStart(new Experiment.WarmStart(campaign, topK));
    }

    static Experiment.WarmStart parse(ExperimentFile.WarmStart w, String source) {
        if (w == null) return null;
        if (w.campaign() == null || w.campaign().isBlank()) {
            throw new BadInputException(source + ": \"warm_start.campaign\" must name an earlier campaign, like "
                    + "{\"campaign\": \"quick\", \"top_k\": 5}");
        }
        int topK = w.topK() != null ? w.topK() : DEFAULT_TOP_K;
        if (topK < 0 || topK > 100) {
            throw new BadInputException(source + ": \"warm_start.top_k\" must be between 0 and 100 (0: its trials"
                    + " only inform the sampler), got " + topK);
        }
        return new Experiment.WarmStart(w.campaign(), topK);
    }

    static ExperimentFile.WarmStart file(Experiment.WarmStart w) {
        return w == null ? null : new ExperimentFile.WarmStart(w.campaign(), w.topK());
    }

    /**
     * The source campaign, once checked to ask the same question as {@code e}; a {@link BadInputException} naming
     * every difference otherwise (and for a multi-symbol experiment: one source cannot fit every symbol).
     */
    public static Campaign check(Store store, Experiment e) {
        String name = e.warmStart().campaign();
        String refused = "warm_start from campaign \"" + name + "\" refused: ";
        if (!e.symbols().isEmpty()) {
            throw new BadInputException(refused + "a multi-symbol experiment has one campaign per symbol; warm-start"
                    + " each symbol's campaign on its own experiment");
        }
        Campaign source = store.campaign(name).orElseThrow(() -> new BadInputException(refused
                + "there is no such campaign; list them with `lstm-tuner campaigns`"));
        if (source.settingsJson() == null || source.spaceJson() == null) {
            throw new BadInputException(refused + "it is a single `train` run, not a search campaign");
        }
        RunConfig was = ConfigLoader.parse(source.configJson(), "campaign " + name + " (config)");
        RunConfig now = e.base();
        List<String> differs = new ArrayList<>();
        differ(differs, "symbol", was.symbol(), now.symbol());
        differ(differs, "target", was.target(), now.target());
        differ(differs, "horizon", was.horizon(), now.horizon());
        differ(differs, "objective", source.objective().key() + " (" + source.direction().label() + ")",
                e.objective().key() + " (" + e.direction().label() + ")");
        if (differs.isEmpty()) differ(differs, "bar interval", interval(was, name), interval(now, "this experiment"));
        if (!differs.isEmpty()) {
            throw new BadInputException(refused + String.join("; ", differs) + ". A warm start needs the same symbol,"
                    + " bar interval, target, horizon and objective (the data may differ, e.g. a later \"to\")");
        }
        Set<String> shared = new LinkedHashSet<>(SearchSpace.parse(source.spaceJson(), "campaign " + name).names());
        shared.retainAll(e.space().names());
        if (shared.isEmpty()) {
            throw new BadInputException(refused + "its space and this one share no parameter (it searched "
                    + SearchSpace.parse(source.spaceJson(), "campaign " + name).names() + "), so it has nothing to tell");
        }
        return source;
    }

    private static void differ(List<String> out, String what, Object was, Object now) {
        if (!Objects.equals(was, now)) out.add(what + " " + was + " there, " + now + " here");
    }

    private static String interval(RunConfig c, String whose) {
        try {
            return Intervals.human(DataSource.load(c.data(), GapPolicy.parse(c.gapPolicy()), c.maxRows(),
                    c.dateRange()).series().intervalMs());
        } catch (BadInputException unreadable) {
            throw new BadInputException("warm start: cannot read the data of " + whose + " to compare bar intervals: "
                    + unreadable.getMessage());
        }
    }

    /**
     * Enqueues the source's best {@code top_k} COMPLETE configs as the first trials of {@code campaign}, each
     * projected onto this space (shared params in range kept, the others drawn afresh), with a note saying where it
     * came from; returns them in order.
     */
    public static List<Trial> enqueueBest(Store store, String campaign, Experiment e) {
        Experiment.WarmStart w = e.warmStart();
        Campaign source = store.campaign(w.campaign()).orElseThrow();
        List<Trial> best = TopTrials.of(store, source.name(), w.topK(), BestTrial.of(store, source)).trials().stream()
                .filter(t -> t.state() == TrialState.COMPLETE && t.objective() != null).toList();
        Map<Map<String, Object>, Trial> points = new LinkedHashMap<>();
        SplittableRandom rng = new SplittableRandom(e.seed() ^ 0x3A7D5L);
        for (Trial t : best) points.putIfAbsent(fill(e.space(), WarmTrials.project(e.space(), t.params()), rng), t);
        List<Trial> out = new ArrayList<>();
        points.forEach((params, from) -> {
            Trial queued = store.enqueue(campaign, params);
            store.addNote(campaign, queued.id(), Note.Kind.NOTE, "warm start: the config of " + from.label()
                    + " (objective " + from.objective() + " there)");
            out.add(queued);
        });
        return out;
    }

    /** A point of the space: the known values where they apply, a uniform draw for every other active param. */
    private static Map<String, Object> fill(SearchSpace space, Map<String, Object> known, SplittableRandom rng) {
        double[] u = new double[space.dimensions()];
        double[] at = space.encode(known);
        for (int i = 0; i < u.length; i++) {
            u[i] = known.containsKey(space.params().get(i).name()) ? at[i] : rng.nextDouble();
        }
        Map<String, Object> point = new LinkedHashMap<>(space.decode(u));
        // the exact values, not their round trip through the unit cube (a log float may come back 1 ulp off)
        point.replaceAll((name, v) -> known.getOrDefault(name, v));
        return point;
    }
}
