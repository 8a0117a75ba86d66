package dev.lstmtuner.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HolmTest {
    @Test
    void matchesRsPAdjustHolmAndKeepsTheOrder() {
        // R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") = 0.03 0.06 0.06 0.02
        assertThat(Holm.adjust(new double[]{0.01, 0.04, 0.03, 0.005}))
                .containsExactly(new double[]{0.03, 0.06, 0.06, 0.02}, within(1e-12));
    }

    @Test
    void untestedEntriesStayUntestedAndDoNotCount() {
        double[] a = Holm.adjust(new double[]{0.02, Double.NaN, 0.5});
        assertThat(a[0]).isEqualTo(0.04);
        assertThat(a[1]).isNaN();
        assertThat(a[2]).isEqualTo(0.5);
    }

    @Test
    void capsAtOne() {
        assertThat(Holm.adjust(new double[]{0.6, 0.7})).containsExactly(1.0, 1.0);
    }
}
