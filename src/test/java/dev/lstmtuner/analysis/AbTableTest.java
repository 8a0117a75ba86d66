package dev.lstmtuner.analysis;

import dev.lstmtuner.search.plan.AbPlan;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.InMemoryStore;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.store.TrialQuery;
import dev.lstmtuner.web.AbFixture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

class AbTableTest {
    @TempDir
    Path dir;

    private AbTable table(double[] scale, int seeds, long noise) {
        Store store = new InMemoryStore();
        AbFixture.campaign(store, dir, "ab", seeds, scale, noise);
        Campaign c = store.campaign("ab").orElseThrow();
        return AbTable.of(store, c, AbPlan.of(c).orElseThrow());
    }

    @Test
    void aPlantedBetterVariantIsCalledBetterAndChosenOnValidation() {
        AbTable t = table(new double[]{1.0, 0.6, 1.0}, 4, 1);
        assertThat(t.rows()).extracting(AbTable.Row::arm).containsExactly("baseline", "bigger model", "bigger + dropout");
        AbTable.Row bigger = t.row("bigger model").orElseThrow();
        assertThat(bigger.vsBaseline().verdict()).isEqualTo(AbComparison.Verdict.BETTER);
        assertThat(bigger.vsBaseline().words()).isEqualTo("better than the baseline");
        assertThat(bigger.vsBaseline().pairs()).isEqualTo(4);
        assertThat(bigger.vsBaseline().meanDifference()).isLessThan(0);
        assertThat(bigger.vsBaseline().dm().error()).isNull();
        assertThat(bigger.vsBaseline().dm().n()).isEqualTo(200);
        assertThat(bigger.chosen()).isTrue();
        assertThat(t.chosen()).isEqualTo("bigger model");
        assertThat(t.row("bigger + dropout").orElseThrow().vsBaseline().verdict()).isEqualTo(AbComparison.Verdict.SAME);
        assertThat(bigger.change()).isEqualTo("units [256, 128, 64]");
        assertThat(t.row("baseline").orElseThrow().change()).isEqualTo("the default config");
        assertThat(t.row("baseline").orElseThrow().vsBaseline()).isNull();
    }

    @Test
    void aPlantedWorseVariantIsCalledWorse() {
        AbTable t = table(new double[]{1.0, 1.0, 1.5}, 3, 2);
        AbComparison c = t.row("bigger + dropout").orElseThrow().vsBaseline();
        assertThat(c.verdict()).isEqualTo(AbComparison.Verdict.WORSE);
        assertThat(c.words()).isEqualTo("worse than the baseline");
        assertThat(t.chosen()).isNotEqualTo("bigger + dropout");
    }

    @Test
    void noPlantedDifferenceIsNoRealDifferenceAndBothTestsAreHolmCorrected() {
        AbTable t = table(new double[]{1.0, 1.0, 1.0}, 5, 3);
        for (AbTable.Row r : t.rows().subList(1, 3)) {
            AbComparison c = r.vsBaseline();
            assertThat(c.verdict()).as(c.reason()).isEqualTo(AbComparison.Verdict.SAME);
            assertThat(c.words()).isEqualTo("no real difference");
            assertThat(c.seedPAdjusted()).isGreaterThanOrEqualTo(c.seedP());
            assertThat(c.dm().pAdjusted()).isGreaterThanOrEqualTo(c.dm().pValue());
        }
        assertThat(t.correction()).contains("Holm");
        assertThat(t.chosen()).isNotNull();
    }

    @Test
    void everyArmRunsWithTheSameSeedsAndItsStatisticsAreOverThem() {
        Store store = new InMemoryStore();
        AbFixture.campaign(store, dir, "ab", 3, new double[]{1, 1, 1}, 4);
        List<Trial> trials = store.trials(TrialQuery.of("ab").page(100, 0)).items();
        assertThat(trials).hasSize(9);
        Campaign c = store.campaign("ab").orElseThrow();
        AbTable t = AbTable.of(store, c, AbPlan.of(c).orElseThrow());
        for (AbTable.Row r : t.rows()) {
            List<Long> seeds = r.trials().stream().map(n -> store.trial("ab", n).orElseThrow())
                    .map(x -> ((Number) x.params().get("seed")).longValue()).toList();
            assertThat(seeds).containsExactly(42L, 43L, 44L);
            double[] objectives = r.trials().stream().mapToDouble(n -> store.trial("ab", n).orElseThrow().objective())
                    .toArray();
            assertThat(r.objective().n()).isEqualTo(3);
            assertThat(r.objective().mean()).isCloseTo((objectives[0] + objectives[1] + objectives[2]) / 3,
                    offset(1e-12));
            assertThat(r.objective().text()).contains(" ± ");
        }
        assertThat(t.persistenceRmse().mean()).isEqualTo(100);
    }
}
