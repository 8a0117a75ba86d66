package dev.lstmtuner.search;

import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.Artifact;
import dev.lstmtuner.store.ArtifactRoot;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.store.TrialQuery;
import dev.lstmtuner.store.TrialReport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Bounds a campaign's disk use: only the best k completed trials keep their saved model; the others' model files
 * are deleted (their predictions, metrics and provenance stay, and `reproduce` can rebuild the model).
 */
public final class ModelRetention {
    private static final Set<String> MODEL_FILES = Set.of("model", "preprocessing");

    private ModelRetention() {
    }

    /**
     * Deletes the model files of every completed trial ranked below {@code k}; returns how many files went. Only
     * files that resolve under {@code root} are deleted: a path the store records elsewhere is left alone.
     */
    public static int keepBest(Store store, String campaign, int k, ArtifactRoot root) {
        int deleted = 0;
        for (int offset = k; ; offset += 500) {
            var page = store.trials(TrialQuery.of(campaign).state(TrialState.COMPLETE).page(500, offset));
            for (Trial t : page.items()) {
                TrialReport r = store.report(t.id()).orElse(null);
                if (r == null) continue;
                for (Artifact a : r.artifacts()) {
                    if (!MODEL_FILES.contains(a.kind())) continue;
                    try {
                        Optional<Path> file = root.resolve(a.path());
                        if (file.isPresent() && Files.deleteIfExists(file.get())) deleted++;
                    } catch (ArtifactRoot.OutsideRoot e) {
                        System.err.println("warning: " + e.getMessage());
                    } catch (IOException e) {
                        // another worker removed it, or the disk refused: the next completed trial tries again
                    }
                }
            }
            if (page.items().size() < 500) break;
        }
        return deleted;
    }
}
