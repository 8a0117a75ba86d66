package dev.lstmtuner.analysis;

import dev.lstmtuner.store.Page;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.store.TrialQuery;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A campaign's top trials as the CLI and the report list them: THE best ({@link BestTrial}) first, then the other
 * trials in leaderboard order (completed ones by the objective, then pruned, failed and unfinished), confirmation
 * runs left out: they belong to the trial they confirm. Reads one page of the store's sorted index.
 *
 * @param total every trial of the campaign, confirmation runs included
 */
public record TopTrials(List<Trial> trials, long total, Optional<BestTrial> best) {

    public static TopTrials of(Store store, String campaign, int n, Optional<BestTrial> best) {
        int runs = best.map(b -> b.confirmation().arms().stream().mapToInt(a -> a.n() + a.pending()).sum()).orElse(0);
        // confirmation runs can fill the first rows of the page (a lucky seed): read past them
        Page<Trial> page = store.trials(TrialQuery.of(campaign).page(n + runs + 1, 0));
        List<Trial> out = new ArrayList<>();
        best.ifPresent(b -> out.add(b.trial()));
        for (Trial t : page.items()) {
            if (out.size() >= n) break;
            if (t.confirmOf() != null || best.isPresent() && t.id() == best.get().trial().id()) continue;
            out.add(t);
        }
        return new TopTrials(List.copyOf(out), page.total(), best);
    }
}
