package dev.lstmtuner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.store.Artifact;
import dev.lstmtuner.store.ArtifactRoot;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.store.TrialReport;
import dev.lstmtuner.train.ModelBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "export-model", mixinStandardHelpOptions = true,
        description = {"Copy a trial's saved model into a folder that `predict` reads.",
                "The folder holds the model, its preprocessing (feature spec and fitted scalers), config and test",
                "predictions, with a manifest (config, provenance, checksums)."})
public final class ExportModelCommand implements Callable<Integer> {
    private static final List<String> KINDS = List.of("model", "preprocessing", "config", "predictions");

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    StoreOptions storeOptions;

    @Parameters(index = "0", paramLabel = "<trial>", description = "<campaign>/<number> or a trial id.")
    String ref;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write (created if missing).")
    Path outDir;

    @Option(names = "--artifacts", defaultValue = "results/artifacts", paramLabel = "DIR",
            description = "The folder the workers wrote artifacts to (default ${DEFAULT-VALUE}); a file the store records elsewhere is never copied.")
    Path artifacts;

    /** The training data's bar interval, from the manifest saved beside the trial's model (trials saved before manifests have none). */
    private static Optional<Long> barInterval(TrialReport report, ArtifactRoot root) {
        return report.artifacts().stream().filter(a -> a.kind().equals("manifest")).reduce((x, y) -> y)
                .flatMap(a -> confined(root, a.path())).flatMap(p -> {
                    try {
                        JsonNode n = ConfigLoader.mapper().readTree(p.toFile()).get("bar_interval_ms");
                        return n != null && n.canConvertToLong() ? Optional.of(n.asLong()) : Optional.empty();
                    } catch (IOException e) {
                        return Optional.empty();
                    }
                });
    }

    private static Optional<Path> confined(ArtifactRoot root, String recorded) {
        try {
            return root.resolve(recorded);
        } catch (ArtifactRoot.OutsideRoot e) {
            throw new BadInputException(e.getMessage());
        }
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        ArtifactRoot root = ArtifactRoot.of(artifacts);
        try (Store store = storeOptions.open()) {
            Trial t = TrialRef.resolve(store, ref);
            TrialReport report = store.report(t.id()).orElseThrow();
            ObjectNode manifest = ConfigLoader.mapper().createObjectNode();
            manifest.put("trial", t.label());
            manifest.put("objective", t.objective());
            ObjectNode files = manifest.putObject("files");
            Files.createDirectories(outDir);
            for (String kind : KINDS) {
                Artifact a = report.artifacts().stream().filter(x -> x.kind().equals(kind)).reduce((x, y) -> y)
                        .orElseThrow(() -> new BadInputException("trial " + t.label() + " kept no " + kind + " file (state "
                                + t.state() + "); only completed trials keep models: reproduce it with `lstm-tuner reproduce "
                                + Fmt.shell(t.label()) + "` and export the reproduction"));
                Path src = confined(root, a.path()).orElse(null);
                if (src == null) {
                    throw new BadInputException(a.path() + ": the " + kind + " file of trial " + t.label() + " is missing (deleted, or kept on the "
                            + "worker's machine); reproduce the trial with `lstm-tuner reproduce " + Fmt.shell(t.label()) + "`");
                }
                String sha = ModelBundle.sha256(src);
                if (!sha.equals(a.sha256())) {
                    throw new BadInputException(src + ": checksum mismatch (recorded " + a.sha256().substring(0, 12) + "…, file "
                            + sha.substring(0, 12) + "…): the file changed after the trial; reproduce the trial instead");
                }
                Path dst = outDir.resolve(src.getFileName());
                Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
                files.put(dst.getFileName().toString(), sha);
            }
            barInterval(report, root).ifPresent(ms -> manifest.put("bar_interval_ms", ms));
            manifest.set("config", ConfigLoader.mapper().readTree(report.provenance().configJson()));
            manifest.set("provenance", ConfigLoader.mapper().valueToTree(report.provenance()));
            manifest.set("metrics", ConfigLoader.mapper().valueToTree(t.metrics()));
            Files.writeString(outDir.resolve("manifest.json"), manifest.toPrettyString() + "\n");
            out.println("exported trial " + t.label() + " to " + outDir + " (" + String.join(", ", (Iterable<String>) files::fieldNames) + ", manifest.json)");
            out.println("use it: bin/lstm-tuner predict --model " + Fmt.shell(outDir) + " --data <new.csv>");
        }
        out.flush();
        return 0;
    }
}
