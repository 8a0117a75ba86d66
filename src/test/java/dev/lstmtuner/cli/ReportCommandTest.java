package dev.lstmtuner.cli;

import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;
import dev.lstmtuner.web.WebFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportCommandTest {
    @TempDir
    static Path dir;
    private String storeArg;

    @BeforeAll
    void seed() {
        storeArg = "jdbc:h2:file:" + dir.resolve("store").toAbsolutePath();
        try (Store store = StoreFactory.open(storeArg)) {
            WebFixture.seed(store, dir);
        }
    }

    @Test
    void reportWritesOneHtmlFileForCommaSeparatedCampaigns() throws IOException {
        Path out = dir.resolve("shared/report.html");
        TrainCommandTest.Result r = TrainCommandTest.run("report", WebFixture.BTC + "," + WebFixture.ETH,
                "--out", out.toString(), "--top", "3", "--store", storeArg);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("wrote " + out).contains("2 campaigns");
        String html = Files.readString(out);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("quick-BTC — top 3 of 12").contains("id=\"ab\"");
        try (Stream<Path> files = Files.list(out.getParent())) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("report.html");
        }
    }

    @Test
    void markdownSummaryWithChosenTrialsForTheAbTable() throws IOException {
        Path out = dir.resolve("quick.md");
        TrainCommandTest.Result r = TrainCommandTest.run("report", WebFixture.BTC, "--format", "md", "--out",
                out.toString(), "--compare", WebFixture.BTC + "/3," + WebFixture.BTC + "/1", "--store", storeArg);
        assertThat(r.code()).as(r.err()).isZero();
        String md = Files.readString(out);
        assertThat(md).startsWith("# lstm-tuner report: quick-BTC").contains("| quick-BTC/3 (A) |")
                .contains("| quick-BTC/1 |");
    }

    @Test
    void aHostileCampaignNameIsTakenWholeAndEscaped() throws IOException {
        Path out = dir.resolve("nasty.html");
        TrainCommandTest.Result r = TrainCommandTest.run("report", WebFixture.NASTY, "--out", out.toString(),
                "--store", storeArg);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(out)).doesNotContain("<script").contains("&lt;script&gt;");
    }

    @Test
    void unknownCampaignsTrialsAndFormatsExitWithCodeTwo() {
        TrainCommandTest.Result r = TrainCommandTest.run("report", "nope", "--out", dir.resolve("x.html").toString(),
                "--store", storeArg);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no campaign 'nope'").contains("lstm-tuner campaigns");
        r = TrainCommandTest.run("report", WebFixture.BTC, "--compare", WebFixture.BTC + "/1", "--store", storeArg,
                "--out", dir.resolve("x.html").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("at least two trials");
        r = TrainCommandTest.run("report", WebFixture.BTC, "--format", "pdf", "--store", storeArg);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--format pdf");
        assertThat(dir.resolve("x.html")).doesNotExist();
    }
}
