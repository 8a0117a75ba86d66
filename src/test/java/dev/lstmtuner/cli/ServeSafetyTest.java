package dev.lstmtuner.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** serve on the network only with a token or an explicit --no-auth; refused before anything listens. */
class ServeSafetyTest {
    @TempDir
    Path dir;

    @Test
    void bindingEveryInterfaceWithoutATokenExitsTwoSayingWhatToPass() {
        TrainCommandTest.Result r = TrainCommandTest.run("serve", "--store", "mem", "--port", "0", "--bind", "0.0.0.0",
                "--artifacts", dir.resolve("a").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--bind 0.0.0.0 exposes every campaign to the network")
                .contains("--token-file FILE").contains("--no-auth");
    }

    @Test
    void aShortTokenOrAMissingTokenFileIsRefused() throws Exception {
        Path t = Files.writeString(dir.resolve("token"), "short\n");
        TrainCommandTest.Result r = TrainCommandTest.run("serve", "--store", "mem", "--bind", "0.0.0.0", "--token-file", t.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("at least 16 characters");
        TrainCommandTest.Result missing = TrainCommandTest.run("serve", "--store", "mem", "--bind", "0.0.0.0",
                "--token-file", dir.resolve("nope").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");
    }
}
