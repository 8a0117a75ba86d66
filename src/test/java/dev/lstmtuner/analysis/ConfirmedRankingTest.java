package dev.lstmtuner.analysis;

import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.store.Trial;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ConfirmedRankingTest {
    private final Map<Long, Trial> byId = new HashMap<>();
    private final List<Trial> runs = new ArrayList<>();
    private long nextId = 1;
    private int nextNumber = 1;

    private Trial original(double objective) {
        Trial t = Trials.complete(nextId++, nextNumber++, objective, null, null);
        byId.put(t.id(), t);
        return t;
    }

    private void fresh(Trial of, long seed, double objective) {
        runs.add(Trials.complete(nextId++, nextNumber++, objective, of.id(), seed));
    }

    private ConfirmedRanking rank(Direction d) {
        return ConfirmedRanking.of(runs, byId::get, "val_rmse", d);
    }

    @Test
    void theSelectedRunIsReportedApartAndNeverAveragedIn() {
        Trial lucky = original(1.0);   // won the search by a lucky seed
        Trial steady = original(2.0);
        for (long s = 43; s <= 46; s++) {
            fresh(lucky, s, 3.0 + (s - 43) * 0.01);
            fresh(steady, s, 2.5 + (s - 43) * 0.01);
        }
        ConfirmedRanking r = rank(Direction.MINIMIZE);
        ConfirmedRanking.Arm w = r.winner().orElseThrow();
        assertThat(w.original().id()).isEqualTo(steady.id());
        assertThat(w.mean()).isCloseTo(2.515, within(1e-9));   // 1.0 in the mean would make "lucky" the winner
        assertThat(String.join("\n", r.sentences())).contains("over 4 fresh seeds (seeds 43, 44, 45, 46)",
                "its selected run (the one the search chose) scored 2.000 and is reported apart");
    }

    @Test
    void armsThatShareSeedsArePairedSoTheSeedsOwnEffectCancels() {
        // the seed moves both arms alike (sd 1 across seeds); #1 is 0.1 better on every seed
        Trial a = original(1.0), b = original(1.1);
        Random rnd = new Random(7);
        for (long s = 43; s <= 46; s++) {
            double seedEffect = rnd.nextGaussian();
            fresh(a, s, 5 + seedEffect);
            fresh(b, s, 5.1 + seedEffect + 0.001 * rnd.nextGaussian());
        }
        SeedLead lead = rank(Direction.MINIMIZE).lead().orElseThrow();
        assertThat(lead.paired()).isTrue();
        assertThat(lead.n()).isEqualTo(4);
        assertThat(lead.significant()).isTrue();
        assertThat(lead.method()).startsWith("paired t-test over n = 4 shared seeds");
    }

    @Test
    void aMaximisedObjectiveCrownsTheHighestFreshMean() {
        Trial a = original(0.60), b = original(0.55);
        fresh(a, 43, 0.50);
        fresh(a, 44, 0.51);
        fresh(b, 43, 0.56);
        fresh(b, 44, 0.57);
        assertThat(rank(Direction.MAXIMIZE).winner().orElseThrow().original().id()).isEqualTo(b.id());
        assertThat(rank(Direction.MINIMIZE).winner().orElseThrow().original().id()).isEqualTo(a.id());
    }

    @Test
    void aSeedWithoutEffectMakesTheRankingDeterministicAndNoTestIsQuoted() {
        Trial a = original(1.0), b = original(1.2);
        for (long s = 43; s <= 44; s++) {
            fresh(a, s, 1.0);
            fresh(b, s, 1.2);
        }
        ConfirmedRanking r = rank(Direction.MINIMIZE);
        assertThat(r.deterministic()).isTrue();
        String words = String.join("\n", r.sentences());
        assertThat(words).contains("the seed has no effect on this model: the ranking is deterministic")
                .doesNotContain("larger than seed noise").doesNotContain("p < 0.001").doesNotContain("power:");
    }

    @Test
    void noTrialWithFewerThanTwoFreshRunsIsTheConfirmedWinner() {
        Trial a = original(1.0), b = original(2.0);
        fresh(a, 43, 0.9);
        runs.add(new Trial(nextId++, 1, "c", nextNumber++, TrialState.RUNNING, Map.of("seed", 44L),
                null, "w", "cpu", null, null, null, null, null, null, null, null, a.id(), null));
        fresh(b, 43, 2.1);
        ConfirmedRanking r = rank(Direction.MINIMIZE);
        assertThat(r.confirming()).isTrue();
        assertThat(r.winner()).isEmpty();
        assertThat(r.arms()).allMatch(arm -> !arm.ranked());
        assertThat(r.sentences()).singleElement().asString().startsWith("no confirmed winner: a trial needs at least 2"
                + " finished fresh seeds (the most any confirmed trial has is 1; 1 still to run)");
    }
}
