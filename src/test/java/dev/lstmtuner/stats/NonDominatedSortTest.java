package dev.lstmtuner.stats;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

class NonDominatedSortTest {
    @Test
    void frontsPeelOffInLayersAndAPointWithNaNIsNeverBetterThere() {
        double[][] p = {{1, 5}, {2, 2}, {5, 1}, {3, 3}, {4, 4}, {1, Double.NaN}};
        assertThat(NonDominatedSort.ranks(p)).containsExactly(0, 0, 0, 1, 2, 1);
        assertThat(NonDominatedSort.dominates(new double[]{1, 1}, new double[]{1, 1})).as("equal points").isFalse();
    }

    @Test
    void crowdingGivesTheEndsInfinityAndTheLonelierMiddlePointMore() {
        // one front along a line; #1 sits in a wide gap, #2 and #3 are close together
        double[][] p = {{0, 10}, {5, 5}, {8, 2}, {9, 1}, {10, 0}};
        double[] d = NonDominatedSort.crowding(p, List.of(0, 1, 2, 3, 4));
        assertThat(d[0]).isInfinite();
        assertThat(d[4]).isInfinite();
        assertThat(d[1]).isGreaterThan(d[2]).isGreaterThan(d[3]);
        assertThat(d[1]).isCloseTo((8 - 0) / 10.0 * 2, offset(1e-12));
    }
}
