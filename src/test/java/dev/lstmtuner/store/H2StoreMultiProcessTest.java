package dev.lstmtuner.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Two JVMs write to one H2 file at the same time (AUTO_SERVER): nothing is lost, numbers never collide. */
class H2StoreMultiProcessTest {
    @TempDir
    Path dir;

    @Test
    void twoProcessesWritingTheSameFileKeepEveryTrial() throws Exception {
        String url = StoreFactory.jdbcUrl(dir.resolve("shared").toString());
        int perProcess = 60;
        try (Store store = StoreFactory.open(url)) {
            store.createCampaign(CampaignSpec.single("shared", "{}"));
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), StoreWriterMain.class.getName(),
                    url, "shared", String.valueOf(perProcess), "child")
                    .redirectErrorStream(true).start();
            StoreWriterMain.H2MultiProcessWriter.write(store, "shared", perProcess, "parent");
            boolean done = child.waitFor(120, TimeUnit.SECONDS);
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(done).as("child finished: " + output).isTrue();
            assertThat(child.exitValue()).as(output).isZero();

            Page<Trial> all = store.trials(TrialQuery.of("shared").page(1000, 0));
            assertThat(all.total()).isEqualTo(2L * perProcess);
            Set<Integer> numbers = new HashSet<>();
            all.items().forEach(t -> numbers.add(t.number()));
            assertThat(numbers).hasSize(2 * perProcess);
            assertThat(all.items()).extracting(Trial::worker).containsOnly("parent", "child");
            assertThat(all.items()).filteredOn(t -> t.worker().equals("child")).hasSize(perProcess);
            assertThat(store.epochs(all.items().stream().map(Trial::id).toList()).values())
                    .hasSize(2 * perProcess).allMatch(List.class::isInstance).allMatch(l -> l.size() == 2);
        }
    }
}
