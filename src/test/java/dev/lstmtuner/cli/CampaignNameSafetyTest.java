package dev.lstmtuner.cli;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.CampaignNames;
import dev.lstmtuner.search.ExperimentLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A campaign name is one safe path segment and shell word, whichever way it arrives. */
class CampaignNameSafetyTest {
    @TempDir
    Path dir;

    @Test
    void trainRefusesANameThatWouldEscapeTheArtifactsFolderAndWritesNothing() throws IOException {
        Path work = Files.createDirectories(dir.resolve("a/b"));
        TrainCommandTest.Result r = TrainCommandTest.run("train", "--name", "../../p6/escaped",
                "--store", dir.resolve("store").toString(), "--artifacts", work.resolve("artifacts").toString(),
                "--set", "max_epochs=1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--name").contains("../../p6/escaped").contains("letters, digits");
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.filter(p -> p.toString().contains("escaped") || p.toString().contains("p6"))).isEmpty();
        }
        assertThat(dir.resolve("store.mv.db")).doesNotExist();
    }

    @Test
    void searchRefusesMarkupInTheNameBeforeTouchingTheStore() {
        TrainCommandTest.Result r = TrainCommandTest.run("search", "--experiment", "experiments/quick-search.json",
                "--name", "x<svg onload=alert(1)>", "--store", dir.resolve("store").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--name").contains("letters, digits");
        assertThat(dir.resolve("store.mv.db")).doesNotExist();
    }

    @Test
    void anExperimentFileNameFollowsTheSameRule() {
        String json = "{\"name\": \"../up\", \"space\": {\"learning_rate\": {\"type\": \"float\", \"low\": 0.001, "
                + "\"high\": 0.01}}, \"budget\": {\"max_trials\": 2}}";
        assertThatThrownBy(() -> ExperimentLoader.parse(json, "exp.json", dir)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("exp.json").hasMessageContaining(CampaignNames.RULE);
    }

    @Test
    void artifactFoldersStayExactlyTwoLevelsUnderTheRoot() {
        Path root = dir.resolve("artifacts");
        assertThat(CampaignNames.artifactDir(root, "quick", 3)).isEqualTo(root.resolve("quick/3"));
        for (String bad : new String[]{"../x", "..", "a/b", "/etc", "."}) {
            assertThatThrownBy(() -> CampaignNames.artifactDir(root, bad, 1)).as(bad)
                    .isInstanceOf(BadInputException.class).hasMessageContaining("outside");
        }
    }

    @Test
    void printedShellWordsReadBackUnchanged() throws Exception {
        for (String word : new String[]{"quick/3", "it's here/1", "a b;rm -rf x", "$(id)", "x<svg>", ""}) {
            Process p = new ProcessBuilder("bash", "-c", "printf %s " + Fmt.shell(word)).start();
            String echoed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).isZero();
            assertThat(echoed).as(word).isEqualTo(word);
        }
        assertThat(Fmt.shell("quick/3")).isEqualTo("quick/3");
    }
}
