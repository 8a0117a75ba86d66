package dev.lstmtuner.cli;

import dev.lstmtuner.analysis.ConfirmedRanking;
import dev.lstmtuner.analysis.BestTrial;
import dev.lstmtuner.analysis.CampaignVerdicts;
import dev.lstmtuner.analysis.Headline;
import dev.lstmtuner.analysis.TrialTests;
import dev.lstmtuner.analysis.Verdict;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.result.FoldMetrics;
import dev.lstmtuner.train.FoldPlan;
import dev.lstmtuner.analysis.diagnosis.Diagnoses;
import dev.lstmtuner.analysis.diagnosis.Diagnosis;
import dev.lstmtuner.analysis.diagnosis.TrainingSetup;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.Artifact;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.Provenance;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.store.TrialReport;
import dev.lstmtuner.analysis.Predictions;

import java.util.ArrayList;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show one trial: params, metrics, epoch curve, diagnoses, artifacts and provenance.")
public final class ShowCommand implements Callable<Integer> {
    @Mixin
    StoreOptions storeOptions;

    @Parameters(index = "0", paramLabel = "<trial>", description = "<campaign>/<number>, or a trial id.")
    String ref;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Store store = storeOptions.open()) {
            Trial t = TrialRef.resolve(store, ref);
            TrialReport r = store.report(t.id()).orElseThrow();
            Campaign c = store.campaign(t.campaign()).orElseThrow();
            Diagnoses d = diagnoses(r, c);
            CampaignVerdicts verdicts = CampaignVerdicts.of(store, c.name());
            TrialTests tests = new TrialTests(name -> verdicts);
            Headline headline = new Headline(LockboxView.headline(store, c.name()), verdicts, t.number());
            if (json) {
                Map<String, Object> m = TestsJson.add(StoreJson.report(r), t, tests);
                m.put("headline", headline.lines());
                m.put("diagnoses", d.items().stream().map(ShowCommand::json).toList());
                out.println(StoreJson.write(m));
            } else {
                // the headline first, in every view's order: the lockbox, the campaign-wide test, this trial's tests
                headline.lines().forEach(out::println);
                out.println();
                out.print(text(r, c, d, tests));
                out.print(foldPlan(r, c));
                out.print(confirmation(store, t, c));
            }
        }
        out.flush();
        return 0;
    }

    /** The trial's diagnoses (analysis layer), with its test forecasts when its predictions artifact is readable. */
    static Diagnoses diagnoses(TrialReport r, Campaign c) {
        Predictions p = null;
        for (Artifact a : r.artifacts()) {
            Path file = Path.of(a.path());
            if (!a.kind().equals(Predictions.ARTIFACT_KIND) || !Files.isRegularFile(file)) continue;
            try {
                p = Predictions.read(file);
            } catch (RuntimeException unreadable) {
                continue; // a damaged file leaves the forecast rule unjudged; `show` still shows the rest
            }
            break;
        }
        return Diagnoses.of(TrainingSetup.of(r, c), r.epochs(), p == null ? null : p.forecasts());
    }

    private static Map<String, Object> json(Diagnosis d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", d.kind().key());
        m.put("text", d.text());
        m.put("remedy", d.remedy());
        m.put("from_epoch", d.fromEpoch());
        return m;
    }

    static String text(TrialReport r, Campaign c, Diagnoses d, TrialTests tests) {
        Trial t = r.trial();
        StringBuilder sb = new StringBuilder();
        sb.append("Trial ").append(t.label()).append(" (id ").append(t.id()).append("): ").append(t.state())
                .append('\n');
        kv(sb, "objective", c.objective() + " (" + c.direction().label() + ") = " + Fmt.num(t.objective()));
        kv(sb, "worker", t.worker() + " on " + t.device());
        kv(sb, "created", Fmt.time(t.createdAt()));
        kv(sb, "started", Fmt.time(t.startedAt()));
        kv(sb, "finished", Fmt.time(t.finishedAt()));
        kv(sb, "heartbeat", Fmt.time(t.heartbeatAt()));
        if (t.prunedEpoch() != null) kv(sb, "pruned at", "epoch " + t.prunedEpoch());
        if (t.failureReason() != null) kv(sb, "reason", t.failureReason());
        if (t.requeuedFrom() != null) kv(sb, "requeued from", "trial id " + t.requeuedFrom());

        sb.append("\nParams\n");
        if (t.params().isEmpty()) sb.append("  (none: a single run; its config is under Provenance)\n");
        t.params().forEach((k, v) -> kv(sb, k, Fmt.value(v)));

        FinalMetrics m = t.metrics();
        if (m != null) {
            sb.append("\nMetrics (test split, price units)\n");
            TextTable mt = new TextTable("", "MAE", "RMSE", "MAPE %", "R2", "DIR_ACC").right(1, 2, 3, 4, 5);
            mt.row("model", Fmt.num(m.model().mae()), Fmt.num(m.model().rmse()), Fmt.num(m.model().mape()),
                    Fmt.num(m.model().r2()), Fmt.num(m.model().directionAccuracy()));
            mt.row("persistence", Fmt.num(m.persistence().mae()), Fmt.num(m.persistence().rmse()),
                    Fmt.num(m.persistence().mape()), Fmt.num(m.persistence().r2()),
                    Fmt.num(m.persistence().directionAccuracy()));
            indent(sb, mt.render());
            // "beats persistence" needs the Diebold–Mariano test on the test windows, corrected across the campaign
            kv(sb, "skill", Fmt.num(m.skill()) + ": " + tests.persistence(t));
            kv(sb, "direction", Fmt.num(m.model().directionAccuracy()) + ": " + tests.directionCell(t));
            kv(sb, "vs ridge", (m.ridgeRmse() == null ? "" : "ridge RMSE " + Fmt.num(m.ridgeRmse()) + ": ")
                    + Verdict.ridge(m).words());
            if (m.folds().isEmpty()) {
                kv(sb, "best val RMSE", Fmt.num(m.bestValRmse()) + " at epoch " + m.bestEpoch() + " of " + m.epochs());
            } else {
                kv(sb, "best val RMSE", Fmt.num(m.bestValRmse()) + " (mean over " + m.folds().size()
                        + " walk-forward folds; " + m.epochs() + " epochs in all)");
                sb.append("\nWalk-forward folds (each scored on its own validation block; the test metrics above are"
                        + " the refit's, on the test split)\n");
                indent(sb, folds(m.folds()).render());
            }
            kv(sb, "params", String.valueOf(m.params()));
            kv(sb, "training", Fmt.num(m.trainingSeconds()) + " s, " + m.testWindows() + " test windows");
        }

        if (!r.epochs().isEmpty()) {
            sb.append(m == null || m.folds().isEmpty() ? "\nEpochs\n"
                    : "\nEpochs (fold 1 of " + m.folds().size() + ": the curve the pruners compare across trials)\n");
            // FIDELITY: the share of the training windows (the most recent) the epoch trained on
            TextTable et = new TextTable("EPOCH", "TRAIN_LOSS", "VAL_LOSS", "VAL_RMSE", "MS", "FIDELITY")
                    .right(0, 1, 2, 3, 4, 5);
            for (EpochMetrics e : compact(r.epochs())) {
                if (e == null) et.row("…", "", "", "", "", "");
                else et.row(e.epoch(), Fmt.num(e.trainLoss()), Fmt.num(e.valLoss()), Fmt.num(e.valRmse()),
                        e.durationMs(), Fmt.num(e.fidelity()));
            }
            indent(sb, et.render());
        }

        if (t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED) {
            sb.append("\nDiagnoses").append(d.curve() ? "" : " (no learning curve: only the forecasts are judged)")
                    .append('\n');
            if (d.items().isEmpty()) sb.append("  (none found)\n");
            for (Diagnosis x : d.items()) {
                sb.append("  ").append(x.text()).append('\n');
                if (x.remedy() != null) sb.append("    try: ").append(x.remedy()).append('\n');
            }
        }

        if (!r.artifacts().isEmpty()) {
            sb.append("\nArtifacts\n");
            TextTable at = new TextTable("KIND", "BYTES", "SHA-256", "PATH").right(1).maxWidth(100);
            for (Artifact a : r.artifacts()) at.row(a.kind(), a.sizeBytes(), a.sha256().substring(0, 16), a.path());
            indent(sb, at.render());
        }

        Provenance p = r.provenance();
        sb.append("\nProvenance\n");
        if (p == null) {
            sb.append("  (not recorded)\n");
        } else {
            kv(sb, "lstm-tuner", p.lstmTunerVersion() + " (commit " + p.gitCommit() + ")");
            kv(sb, "java / dl4j", p.javaVersion() + " / " + p.dl4jVersion());
            kv(sb, "backend", p.nd4jBackend() + ", " + p.threads() + " threads");
            if (p.device() != null) {
                kv(sb, "device", p.device().device() + ", " + p.device().layer() + ", threads in effect: OpenBLAS "
                        + p.device().blasThreads() + ", libnd4j " + p.device().nd4jThreads());
                kv(sb, "device plan", p.device().plan());
            }
            kv(sb, "machine", p.host() + " (" + p.os() + ", " + p.arch() + ")");
            kv(sb, "seed", String.valueOf(p.seed()));
            if (p.data() != null) {
                kv(sb, "data", p.data().rows() + " rows, " + Fmt.time(Instant.ofEpochMilli(p.data().firstTimeMs()))
                        + " .. " + Fmt.time(Instant.ofEpochMilli(p.data().lastTimeMs())));
                kv(sb, "data sha256", p.data().sha256());
            }
            if (p.tests() != null) kv(sb, "test windows", p.tests().toString());
            kv(sb, "config", p.configJson());
        }
        return sb.toString();
    }

    static TextTable folds(List<FoldMetrics> folds) {
        TextTable t = new TextTable("FOLD", "TRAIN", "VAL", "SCORED", "VAL FROM", "VAL TO", "BEST_VAL_RMSE", "EPOCHS",
                "VAL_RMSE", "PERSIST_RMSE", "SKILL", "VS PERSISTENCE").right(0, 1, 2, 3, 6, 7, 8, 9, 10).maxWidth(70);
        for (FoldMetrics f : folds) {
            t.row(f.fold(), f.trainWindows(), f.valWindows(), f.testWindows(), Fmt.utc(f.testFromMs()),
                    Fmt.utc(f.testToMs()), Fmt.num(f.bestValRmse()), f.bestEpoch() + "/" + f.epochs(),
                    Fmt.num(f.model().rmse()), Fmt.num(f.persistence().rmse()), Fmt.num(f.skill()),
                    Verdict.of(Verdict.Baseline.PERSISTENCE, f.skill(), f.persistencePValue()).words());
        }
        return t;
    }

    /** The trial's fold plan, from its recorded config (the campaign's when none is recorded) and its data. */
    static String foldPlan(TrialReport r, Campaign c) {
        String json = r.provenance() != null ? r.provenance().configJson() : c.configJson();
        try {
            return "\n" + FoldPlanView.text(FoldPlan.of(ConfigLoader.parse(json, "trial config")));
        } catch (RuntimeException unreadable) {
            return "\nfold plan: not shown, the trial's data cannot be read here (" + unreadable.getMessage() + ")\n";
        }
    }

    /** Where the trial stands in winner confirmation: the run it confirms, or its runs over seeds. */
    static String confirmation(Store store, Trial t, Campaign c) {
        StringBuilder sb = new StringBuilder();
        if (t.confirmOf() != null) {
            String original = store.trial(t.confirmOf()).map(Trial::label).orElse("id " + t.confirmOf());
            sb.append("\nConfirmation\n");
            kv(sb, "confirms", "trial " + original + " with seed " + Fmt.value(t.params().get("seed"))
                    + " (one seed of its confirmation; see `show " + original + "`)");
            return sb.toString();
        }
        ConfirmedRanking ranking = BestTrial.confirmation(store, c);
        List<ConfirmedRanking.Arm> arms = ranking.arms();
        for (int i = 0; i < arms.size(); i++) {
            ConfirmedRanking.Arm a = arms.get(i);
            if (a.original().id() != t.id()) continue;
            sb.append("\nConfirmation\n");
            kv(sb, "fresh seeds", c.objective() + " " + Fmt.num(a.mean()) + " ± " + Fmt.num(a.sd()) + " over "
                    + a.n() + " fresh seeds (this selected run, " + Fmt.num(t.objective()) + ", is apart)");
            boolean winner = ranking.winner().map(w -> w.original().id() == t.id()).orElse(false);
            kv(sb, "rank", a.ranked() ? (i + 1) + " of " + ranking.ranked().size() + " confirmed trials"
                    + (winner ? ": the confirmed winner" : "")
                    : "not ranked: fewer than " + ConfirmedRanking.MIN_FRESH + " finished fresh seeds");
            if (winner) ranking.sentences().stream().skip(1).forEach(line -> kv(sb, "", line));
        }
        return sb.toString();
    }

    /** Long curves keep their first 5 and last 5 epochs plus the best one; null marks a gap. */
    static List<EpochMetrics> compact(List<EpochMetrics> epochs) {
        if (epochs.size() <= 12) return epochs;
        EpochMetrics best = epochs.stream().min((a, b) -> Double.compare(a.valRmse(), b.valRmse())).orElseThrow();
        ArrayList<EpochMetrics> out = new ArrayList<>(epochs.subList(0, 5));
        int bestIdx = epochs.indexOf(best);
        if (bestIdx >= 5 && bestIdx < epochs.size() - 5) {
            out.add(null);
            out.add(best);
        }
        out.add(null);
        out.addAll(epochs.subList(epochs.size() - 5, epochs.size()));
        return out;
    }

    private static void kv(StringBuilder sb, String k, String v) {
        sb.append("  ").append(String.format("%-14s", k)).append(' ').append(v == null ? "-" : v).append('\n');
    }

    private static void indent(StringBuilder sb, String block) {
        block.lines().forEach(l -> sb.append("  ").append(l).append('\n'));
    }
}
