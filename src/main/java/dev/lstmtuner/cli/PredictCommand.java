package dev.lstmtuner.cli;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.DateRange;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.data.DataSource;
import dev.lstmtuner.data.GapPolicy;
import dev.lstmtuner.data.LoadedData;
import dev.lstmtuner.data.Series;
import dev.lstmtuner.result.ForecastMetrics;
import dev.lstmtuner.stats.DieboldMariano;
import dev.lstmtuner.stats.PersistenceVerdict;
import dev.lstmtuner.train.Evaluator;
import dev.lstmtuner.train.Metrics;
import dev.lstmtuner.train.ModelBundle;
import dev.lstmtuner.train.Predictor;
import dev.lstmtuner.train.Preprocessing;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Forecast the bar after the data ends with a saved model.",
                "The data is validated as training does and its features built with the saved spec and scalers;",
                "beside the forecast it prints the model's recent error next to persistence (next price = last",
                "price) where the outcomes are known."},
        footer = {"", "Examples:",
                "  bin/lstm-tuner predict --model runs/best/",
                "  bin/lstm-tuner predict --model runs/best/ --data new.csv --last 5 --out forecasts.csv",
                "", "Exit codes: 0 done, 2 bad input (model folder, data, options)."})
public final class PredictCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model folder (model.zip, preprocessing.json, config.json), as export-model writes it.")
    Path model;

    @Option(names = "--data", paramLabel = "CSV", description = "OHLCV CSV to forecast from. Default: the data the model was trained on (bundled data if none).")
    String data;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "Also write every forecast as CSV: anchor_time,target_time,last_close,predicted_close,actual_close.")
    Path out;

    @Option(names = "--last", paramLabel = "N", defaultValue = "1", description = "How many of the most recent forecasts to print (default ${DEFAULT-VALUE}: the next-step forecast).")
    int last;

    @Option(names = "--tail", paramLabel = "N", defaultValue = "100", description = "Judge the recent error on the last N windows whose outcome is known (default ${DEFAULT-VALUE}).")
    int tail;

    @Option(names = "--gap-policy", paramLabel = "POLICY", description = "fail or skip-windows. Default: the model's gap_policy.")
    String gapPolicy;

    @Option(names = "--max-rows", paramLabel = "N", description = "Use only the last N rows. Default: the model's max_rows.")
    Integer maxRows;

    @Option(names = "--from", paramLabel = "DATE", description = "First day kept (ISO date or instant, UTC). Default: the model's \"from\" for its own data, the file's start for --data.")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last day kept, included whole (ISO date or instant). Default: the model's \"to\" for its own data, the file's end for --data.")
    String to;

    @Option(names = "--strict", description = "Refuse (exit 2) instead of warning when the data's bar interval differs from the training data's, or the model folder does not record it.")
    boolean strict;

    @Override
    public Integer call() {
        if (last < 1) throw new BadInputException("--last must be at least 1, got " + last);
        if (tail < 1) throw new BadInputException("--tail must be at least 1, got " + tail);
        PrintWriter w = spec.commandLine().getOut();
        Predictor predictor = Predictor.load(model);
        RunConfig c = predictor.config();
        // the model's own data is cut as in training (its from/to); other data is the user's, whole unless told
        boolean own = data == null;
        String since = from != null ? from : own ? c.from() : null, until = to != null ? to : own ? c.to() : null;
        DateRange range = DateRange.parse(since, until, from != null || to != null ? "--from/--to"
                : model.resolve(ModelBundle.CONFIG).toString());
        LoadedData d = DataSource.load(own ? c.data() : data, GapPolicy.parse(gapPolicy != null ? gapPolicy : c.gapPolicy()),
                maxRows != null ? maxRows : c.maxRows(), range);
        Series s = d.series();
        String mismatch = predictor.intervalMismatch(s);
        if (mismatch != null) {
            if (strict) throw new BadInputException(mismatch + " (--strict)");
            spec.commandLine().getErr().println("warning: " + mismatch + " (--strict refuses)");
            spec.commandLine().getErr().flush();
        }
        Predictor.Forecast f = predictor.predict(s);
        Preprocessing p = predictor.preprocessing();

        w.printf(Locale.ROOT, "model: %s (%d features, time_steps %d, horizon %d, target %s)%n", model,
                p.features().size(), p.timeSteps(), p.horizon(), p.target());
        d.report().lines().forEach(w::println);
        if (since != null || until != null) {
            w.println("date range: " + (since == null ? "start" : since) + " .. " + (until == null ? "end" : until)
                    + (from == null && to == null ? " (the model's from/to)" : ""));
        }
        w.println();
        printNext(w, f, s, p.horizon());
        if (last > 1) printLast(w, f);
        printRecentError(w, f, p.horizon());
        if (out != null) {
            writeCsv(out, f);
            w.println("wrote " + f.n() + " forecasts to " + out);
        }
        w.flush();
        return 0;
    }

    private static void printNext(PrintWriter w, Predictor.Forecast f, Series s, int horizon) {
        int k = f.n() - 1;
        long lastBar = s.timeMs()[s.size() - 1];
        if (f.anchorTimeMs()[k] != lastBar) {
            w.println("no forecast from the last bar (" + Fmt.utc(lastBar) + "): a gap lies within its "
                    + "window; the latest forecast is from the last gap-free window");
        }
        w.printf(Locale.ROOT, "forecast for %s (%d bar%s after %s): %s  (last close %s, %s)%n",
                Fmt.utc(f.targetTimeMs()[k]), horizon, horizon == 1 ? "" : "s", Fmt.utc(f.anchorTimeMs()[k]),
                Fmt.metric(f.predicted()[k]), Fmt.metric(f.lastClose()[k]), change(f, k));
    }

    private static String change(Predictor.Forecast f, int k) {
        return String.format(Locale.ROOT, "%+.4f%%", 100 * (f.predicted()[k] / f.lastClose()[k] - 1));
    }

    private void printLast(PrintWriter w, Predictor.Forecast f) {
        int from = Math.max(0, f.n() - last);
        w.printf("%nthe last %d forecasts:%n", f.n() - from);
        w.printf("  %-18s %-18s %14s %14s %10s %14s%n", "made at", "for", "last close", "predicted", "change", "actual");
        for (int k = from; k < f.n(); k++) {
            w.printf("  %-18s %-18s %14s %14s %10s %14s%n", Fmt.utc(f.anchorTimeMs()[k]),
                    Fmt.utc(f.targetTimeMs()[k]), Fmt.metric(f.lastClose()[k]), Fmt.metric(f.predicted()[k]),
                    change(f, k), f.hasActual(k) ? Fmt.metric(f.actual()[k]) : "-");
        }
    }

    private void printRecentError(PrintWriter w, Predictor.Forecast f, int horizon) {
        int known = 0;
        for (int k = 0; k < f.n(); k++) if (f.hasActual(k)) known++;
        if (known == 0) {
            w.println("\nrecent error: no window's outcome is in the data yet");
            return;
        }
        int n = Math.min(tail, known);
        double[] pred = new double[n], actual = new double[n], anchor = new double[n];
        long firstTime = 0, lastTime = 0;
        int i = n - 1;
        for (int k = f.n() - 1; k >= 0 && i >= 0; k--) {
            if (!f.hasActual(k)) continue;
            pred[i] = f.predicted()[k];
            actual[i] = f.actual()[k];
            anchor[i] = f.lastClose()[k];
            if (i == n - 1) lastTime = f.anchorTimeMs()[k];
            firstTime = f.anchorTimeMs()[k];
            i--;
        }
        ForecastMetrics m = Metrics.of(pred, actual, anchor);
        ForecastMetrics pers = Metrics.of(anchor, actual, anchor);
        w.printf("%nrecent error on the last %s windows with known outcomes (made %s .. %s):%n", Fmt.count(n),
                Fmt.utc(firstTime), Fmt.utc(lastTime));
        w.printf("  %-20s %14s %14s%n", "metric", "model", "persistence");
        w.printf("  %-20s %14s %14s%n", "MAE", Fmt.metric(m.mae()), Fmt.metric(pers.mae()));
        w.printf("  %-20s %14s %14s%n", "RMSE", Fmt.metric(m.rmse()), Fmt.metric(pers.rmse()));
        w.printf("  %-20s %14s %14s%n", "direction accuracy", Fmt.pct(m.directionAccuracy()), Fmt.pct(pers.directionAccuracy()));
        double skill = 1 - m.rmse() / pers.rmse();
        DieboldMariano.Result dm = Evaluator.againstPersistence(pred, anchor, actual, horizon);
        w.printf(Locale.ROOT, "  skill vs persistence: %+.4f: %s%n", skill,
                PersistenceVerdict.of(skill, dm == null ? null : dm.pValue()).words());
    }

    private static void writeCsv(Path file, Predictor.Forecast f) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            try (Writer out = Files.newBufferedWriter(file)) {
                out.write("anchor_time,target_time,last_close,predicted_close,actual_close\n");
                for (int k = 0; k < f.n(); k++) {
                    // doubles in full (Double.toString) so a forecast reads back bit-identical
                    out.write(Instant.ofEpochMilli(f.anchorTimeMs()[k]) + "," + Instant.ofEpochMilli(f.targetTimeMs()[k])
                            + "," + f.lastClose()[k] + "," + f.predicted()[k] + "," + (f.hasActual(k) ? f.actual()[k] : "")
                            + "\n");
                }
            }
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot write the forecasts (" + e.getMessage() + "); check the path");
        }
    }
}
