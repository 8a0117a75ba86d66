package dev.lstmtuner.store;

import dev.lstmtuner.result.TrialState;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keyset paging, over every Store implementation (see the subclasses): walking a listing page by page from each
 * page's {@code next} position returns every trial exactly once, in the listing's order, for every sort key and
 * both orders, through ties, trials without the metric or param, and trials inserted during the walk.
 */
abstract class StorePagingContractTest extends StoreTestBase {
    private static final List<Boolean> ORDERS = Arrays.asList(null, false, true);

    /**
     * 24 trials in every state: objectives with ties (and skill the same for all: one long tie), a numeric param
     * with ties, a text param that some trials lack, a list param; pruned, failed, running and waiting trials have
     * no metrics.
     */
    private void mixedCampaign() {
        campaign("c");
        double[] objectives = {5, 3, 5, 1, 3, 5, 2, 8, 3, 1, 9, 4};
        for (int i = 0; i < objectives.length; i++) completed("c", params(i), objectives[i]);
        for (int i = 12; i < 15; i++) store.start("c", params(i), "w", "cpu").prune(2, "worse than the median");
        for (int i = 15; i < 18; i++) store.start("c", params(i), "w", "cpu").fail("loss became NaN", null);
        for (int i = 18; i < 21; i++) store.start("c", params(i), "w", "cpu");
        for (int i = 21; i < 24; i++) store.enqueue("c", params(i));
    }

    private static Map<String, Object> params(int i) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("lr", i % 3 == 0 ? 0.01 : i % 3 == 1 ? 0.001 : 0.1);
        if (i % 4 != 0) p.put("impl", i % 2 == 0 ? "fast" : "stock");
        p.put("units", List.of(8 << (i % 2)));
        return p;
    }

    /** Every page from the first, {@code size} rows at a time, each after the last one's {@code next}. */
    private List<Trial> walk(TrialQuery q, int size) {
        List<Trial> out = new ArrayList<>();
        TrialPosition after = null;
        for (int pages = 0; pages < 1000; pages++) {
            Page<Trial> p = store.trials(q.after(after, size));
            out.addAll(p.items());
            assertThat(p.items().size()).as("a page before the last is full").isEqualTo(p.next() == null
                    ? p.items().size() : size);
            if (p.next() == null) return out;
            after = p.next();
        }
        throw new AssertionError("the walk did not end");
    }

    private static List<Long> ids(List<Trial> trials) {
        return trials.stream().map(Trial::id).toList();
    }

    @Test
    void walkingByPositionListsEveryTrialOnceInTheListingsOrderForEverySortKeyAndOrder() {
        mixedCampaign();
        for (String key : store.sortKeys("c")) {
            for (Boolean desc : ORDERS) {
                TrialQuery q = TrialQuery.of("c").sortBy(key).descending(desc);
                List<Trial> all = store.trials(q.page(1000, 0)).items();
                for (int size : new int[]{1, 5, 7}) {
                    assertThat(ids(walk(q, size))).as("%s %s by %d", key, desc, size).containsExactlyElementsOf(ids(all));
                }
            }
        }
    }

    @Test
    void metricListingsRankFinishedFirstThenByValueWithMissingValuesLastAndTiesByNumber() {
        mixedCampaign();
        for (SortColumn m : SortColumn.all()) {
            for (boolean desc : new boolean[]{false, true}) {
                List<Trial> walked = walk(TrialQuery.of("c").sortBy(m.key()).descending(desc), 4);
                assertThat(walked).hasSize(24);
                Comparator<Double> values = Comparator.nullsLast(desc ? Comparator.<Double>reverseOrder()
                        : Comparator.<Double>naturalOrder());
                Comparator<Trial> expected = Comparator.<Trial>comparingInt(t -> SortKey.rankClass(t.state()))
                        .thenComparing(m::valueOf, values).thenComparingInt(Trial::number);
                assertThat(walked).as("%s desc=%s", m.key(), desc).isSortedAccordingTo(expected);
            }
        }
    }

    @Test
    void paramListingsWalkTiesAndListOnlyTrialsThatHaveTheParam() {
        mixedCampaign();
        for (boolean desc : new boolean[]{false, true}) {
            List<Trial> byImpl = walk(TrialQuery.of("c").sortBy("impl").descending(desc), 2);
            assertThat(byImpl).hasSize(18).allMatch(t -> t.params().containsKey("impl"));
            Comparator<String> text = desc ? Comparator.reverseOrder() : Comparator.naturalOrder();
            assertThat(byImpl).isSortedAccordingTo(Comparator.<Trial>comparingInt(t -> SortKey.rankClass(t.state()))
                    .thenComparing(t -> (String) t.params().get("impl"), text).thenComparingLong(Trial::id));
            List<Trial> byLr = walk(TrialQuery.of("c").sortBy("lr").descending(desc), 3);
            Comparator<Double> num = desc ? Comparator.reverseOrder() : Comparator.naturalOrder();
            assertThat(byLr).hasSize(24).isSortedAccordingTo(Comparator.<Trial>comparingInt(t ->
                            SortKey.rankClass(t.state())).thenComparing(t -> ((Number) t.params().get("lr")).doubleValue(), num)
                    .thenComparingLong(Trial::id));
        }
    }

    @Test
    void walkingOneStateListsExactlyThatStatesTrials() {
        mixedCampaign();
        for (TrialState s : TrialState.values()) {
            for (String key : List.of("objective", "skill", "number", "lr", "impl")) {
                for (Boolean desc : ORDERS) {
                    TrialQuery q = TrialQuery.of("c").state(s).sortBy(key).descending(desc);
                    List<Trial> walked = walk(q, 2);
                    assertThat(walked).allMatch(t -> t.state() == s);
                    assertThat(ids(walked)).as("%s %s %s", s, key, desc)
                            .containsExactlyElementsOf(ids(store.trials(q.page(1000, 0)).items()));
                }
            }
        }
    }

    @Test
    void trialsInsertedDuringAWalkNeitherRepeatNorSkipTheTrialsThatWereThere() {
        mixedCampaign();
        for (Boolean desc : ORDERS) {
            for (String key : List.of("objective", "skill", "lr", "impl")) {
                TrialQuery q = TrialQuery.of("c").sortBy(key).descending(desc);
                Set<Long> before = new HashSet<>(ids(store.trials(q.page(1000, 0)).items()));
                List<Long> seen = new ArrayList<>();
                Page<Trial> p = store.trials(q.after(null, 5));
                int inserted = 0;
                while (true) {
                    seen.addAll(ids(p.items()));
                    if (inserted < 8) {
                        // new trials that sort before, among and after the rows read so far
                        completed("c", params(inserted), inserted % 4 == 0 ? 0.5 : 5);
                        store.start("c", params(inserted + 1), "w", "cpu").prune(1, "bad");
                        inserted += 2;
                    }
                    if (p.next() == null) break;
                    p = store.trials(q.after(p.next(), 5));
                }
                assertThat(seen).as("%s %s", key, desc).doesNotHaveDuplicates();
                assertThat(seen).containsAll(before);
                List<Long> originalOrder = ids(store.trials(q.page(1000, 0)).items()).stream()
                        .filter(before::contains).toList();
                assertThat(seen.stream().filter(before::contains).toList()).containsExactlyElementsOf(originalOrder);
            }
        }
    }

    @Test
    void theLastPageHasNoNextAndAPositionPastTheEndGivesAnEmptyPage() {
        campaign("c");
        for (int i = 1; i <= 6; i++) completed("c", Map.of("x", i), i);
        Page<Trial> first = store.trials(TrialQuery.of("c").after(null, 3));
        assertThat(first.next()).isNotNull();
        Page<Trial> second = store.trials(TrialQuery.of("c").after(first.next(), 3));
        assertThat(second.items()).extracting(Trial::number).containsExactly(4, 5, 6);
        assertThat(second.next()).as("six rows in pages of three: no third page").isNull();
        assertThat(second.total()).isEqualTo(6);
        Page<Trial> past = store.trials(TrialQuery.of("c").after(new TrialPosition(4, null, null, Long.MAX_VALUE), 3));
        assertThat(past.items()).isEmpty();
        assertThat(past.next()).isNull();
        // offset pages say whether a row follows too
        assertThat(store.trials(TrialQuery.of("c").page(3, 3)).next()).isNull();
        assertThat(store.trials(TrialQuery.of("c").page(3, 2)).next()).isNotNull();
    }

    /** What a page's total must be: its listing's length, counted the slow way. */
    private int listed(TrialQuery q) {
        return walk(q, 7).size();
    }

    @Test
    void aPagesTotalIsItsListingsLengthThroughNewTrialsRequeuedCopiesAndAnotherCampaign() {
        mixedCampaign();
        campaign("other");
        for (int i = 0; i < 5; i++) completed("other", params(i), i);
        List<TrialQuery> listings = new ArrayList<>();
        for (String key : List.of("objective", "number", "lr", "impl", "units")) {
            listings.add(TrialQuery.of("c").sortBy(key));
            listings.add(TrialQuery.of("c").sortBy(key).state(TrialState.COMPLETE));
        }
        for (int round = 0; round < 3; round++) {
            for (TrialQuery q : listings) {
                assertThat(store.trials(q.page(5, 0)).total()).as("round %d: %s", round, q).isEqualTo(listed(q));
            }
            // trials with and without the conditional param, a finished one, and re-queued copies of running ones
            store.enqueue("c", params(4 * round));
            store.enqueue("c", params(4 * round + 1));
            completed("c", params(4 * round + 2), 7);
            if (round == 1) assertThat(store.reclaimStale(Duration.ZERO, true)).isNotEmpty();
        }
        assertThat(store.trials(TrialQuery.of("c").sortBy("impl").page(5, 0)).total())
                .as("the other campaign's trials are not counted").isEqualTo(listed(TrialQuery.of("c").sortBy("impl")));
    }

    @Test
    void oldSpellingsOfASortKeyListLikeTheOneSpellingAndTheObjectiveInAnySpellingIsTheObjectiveColumn() {
        mixedCampaign();
        for (String[] pair : new String[][]{{"best_val_rmse", "val_rmse"}, {"params_count", "params"}}) {
            for (Boolean desc : ORDERS) {
                assertThat(ids(walk(TrialQuery.of("c").sortBy(pair[0]).descending(desc), 5)))
                        .as("%s desc=%s", pair[0], desc)
                        .containsExactlyElementsOf(ids(walk(TrialQuery.of("c").sortBy(pair[1]).descending(desc), 5)));
            }
        }
        assertThat(ids(walk(TrialQuery.of("c").sortBy("val_rmse"), 5)))
                .containsExactlyElementsOf(ids(walk(TrialQuery.of("c").sortBy("objective"), 5)));
        assertThat(store.sortKeys("c")).contains("val_rmse", "params").doesNotContain("best_val_rmse", "params_count");
    }
}
