package dev.lstmtuner.cli;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class HelpTest {
    @Test
    void everyCommandIsListedWithAFirstLineThatIsAWholeSentence() {
        CommandLine main = new CommandLine(new Main());
        assertThat(main.getSubcommands()).hasSizeGreaterThan(10);
        main.getSubcommands().forEach((name, sub) -> {
            // the command list shows a command's header if it has one (picocli's own help does), else its description
            String[] header = sub.getCommandSpec().usageMessage().header();
            String[] description = header.length > 0 ? header : sub.getCommandSpec().usageMessage().description();
            assertThat(description).as(name).isNotEmpty();
            String first = description[0];
            assertThat(first).as(name + ": " + first).matches("[A-Z`].*[.]").doesNotEndWith(",");
            // one sentence: no second sentence starts on the line --help lists
            assertThat(first.substring(0, first.length() - 1)).as(name + ": " + first).doesNotContain(". ");
        });
        StringWriter out = new StringWriter();
        main.setOut(new PrintWriter(out));
        main.setUsageHelpWidth(200);
        main.execute("--help");
        assertThat(out.toString()).contains("fetch").contains("Download Binance's public spot klines into one"
                + " validated CSV per symbol.").doesNotContain(".CHECKSUM,");
    }
}
