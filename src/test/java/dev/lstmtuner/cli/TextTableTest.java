package dev.lstmtuner.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextTableTest {
    @Test
    void padsColumnsToTheWidestCellAndRightAlignsNumbers() {
        String out = new TextTable("NAME", "N").right(1).row("alpha", 5).row("b", 1234).render();
        assertThat(out.lines()).containsExactly(
                "NAME      N",
                "-----  ----",
                "alpha     5",
                "b      1234");
    }

    @Test
    void cutsLongCellsAndShowsNullAsDash() {
        String out = new TextTable("A", "B").maxWidth(5).row("abcdefgh", null).render();
        assertThat(out.lines().toList().get(2)).isEqualTo("abcd…  -");
    }
}
