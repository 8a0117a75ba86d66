package dev.lstmtuner.search;

import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.ForecastMetrics;
import dev.lstmtuner.store.Artifact;
import dev.lstmtuner.store.ArtifactRoot;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.InMemoryStore;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.TrialHandle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ModelRetentionTest {
    @TempDir
    Path dir;

    @Test
    void onlyTheBestKCompletedTrialsKeepTheirModelFiles() throws Exception {
        try (Store store = new InMemoryStore()) {
            store.createCampaign(CampaignSpec.single("c", "{}"));
            double[] objectives = {3.0, 1.0, 2.0};
            Path[] models = new Path[3];
            Path[] predictions = new Path[3];
            for (int i = 0; i < 3; i++) {
                TrialHandle h = store.start("c", Map.of("i", i), "w", "cpu");
                models[i] = Files.writeString(dir.resolve("model-" + i + ".zip"), "m" + i);
                predictions[i] = Files.writeString(dir.resolve("pred-" + i + ".csv"), "p" + i);
                h.addArtifact(Artifact.of("model", models[i]));
                h.addArtifact(Artifact.of("predictions", predictions[i]));
                ForecastMetrics f = new ForecastMetrics(1, 1, 1, 0.5, 0.5);
                h.complete(new FinalMetrics(f, f, 0, objectives[i], 10, 2, 1, 1.0, 5), objectives[i]);
            }
            assertThat(ModelRetention.keepBest(store, "c", 2, ArtifactRoot.of(dir))).isEqualTo(1);
            assertThat(models[1]).exists();   // best (1.0)
            assertThat(models[2]).exists();   // second (2.0)
            assertThat(models[0]).doesNotExist();
            assertThat(predictions[0]).exists(); // only models go
        }
    }

    @Test
    void aModelPathTheStoreRecordsOutsideTheArtifactsRootIsNeverDeleted() throws Exception {
        Path root = Files.createDirectories(dir.resolve("artifacts"));
        Path outside = Files.writeString(Files.createDirectories(dir.resolve("home")).resolve("thesis.tex"), "years of work");
        Path link = root.resolve("model-link.zip");
        Files.createSymbolicLink(link, outside);
        try (Store store = new InMemoryStore()) {
            store.createCampaign(CampaignSpec.single("c", "{}"));
            ForecastMetrics f = new ForecastMetrics(1, 1, 1, 0.5, 0.5);
            TrialHandle best = store.start("c", Map.of("i", 0), "w", "cpu");
            best.complete(new FinalMetrics(f, f, 0, 1.0, 10, 2, 1, 1.0, 5), 1.0);
            TrialHandle worse = store.start("c", Map.of("i", 1), "w", "cpu");
            worse.addArtifact(new Artifact("model", outside.toString(), "00", 1));
            worse.addArtifact(new Artifact("preprocessing", link.toString(), "00", 1));
            worse.complete(new FinalMetrics(f, f, 0, 2.0, 10, 2, 1, 1.0, 5), 2.0);

            assertThat(ModelRetention.keepBest(store, "c", 1, ArtifactRoot.of(root))).isZero();
            assertThat(outside).hasContent("years of work");
            assertThat(link).exists();
        }
    }
}
