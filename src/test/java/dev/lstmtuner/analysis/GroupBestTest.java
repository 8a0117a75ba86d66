package dev.lstmtuner.analysis;

import dev.lstmtuner.result.Direction;
import dev.lstmtuner.store.Campaign;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GroupBestTest {

    @Test
    void aMaximisedObjectiveKeepsTheHighestValuePerGroup() {
        Campaign up = Trials.campaign("up", "{}", "direction_accuracy", Direction.MAXIMIZE);
        List<GroupBest.Group> g = GroupBest.of(List.of(
                GroupBest.Candidate.of("BTC", up, Trials.complete(1, 1, 0.52, null, null)),
                GroupBest.Candidate.of("BTC", up, Trials.complete(2, 2, 0.58, null, null)),
                GroupBest.Candidate.of("ETH", up, Trials.complete(3, 3, 0.51, null, null))));
        assertThat(g).extracting(GroupBest.Group::key).containsExactly("BTC", "ETH");
        assertThat(g.get(0).best().trial().id()).isEqualTo(2);   // `<` would keep 0.52
        assertThat(g.get(0).rankedBy()).isEqualTo("direction_accuracy (maximize)");
    }

    @Test
    void confirmationRunsAreNeverCandidatesAndMixedObjectivesFallBackToValidationRmse() {
        Campaign down = Trials.campaign("down", "{}", "val_rmse", Direction.MINIMIZE);
        Campaign up = Trials.campaign("up", "{}", "direction_accuracy", Direction.MAXIMIZE);
        List<GroupBest.Group> g = GroupBest.of(List.of(
                GroupBest.Candidate.of("BTC", down, Trials.complete(1, 1, 300, null, null)),
                GroupBest.Candidate.of("BTC", down, Trials.complete(2, 2, 100, 1L, 43L)),
                GroupBest.Candidate.of("BTC", up, Trials.complete(3, 3, 250, null, null))));
        assertThat(g.get(0).candidates()).isEqualTo(2);
        assertThat(g.get(0).best().trial().id()).isEqualTo(3);  // the fixture's val RMSE is its objective
        assertThat(g.get(0).rankedBy()).startsWith("val_rmse (minimize)");
    }
}
