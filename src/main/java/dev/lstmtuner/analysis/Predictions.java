package dev.lstmtuner.analysis;

import dev.lstmtuner.analysis.diagnosis.Forecasts;
import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.store.Artifact;
import dev.lstmtuner.store.TrialReport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A trial's test-split predictions, read from its "predictions" artifact (CSV with header
 * {@code time,last_close,predicted,actual}); {@code lastClose} is the persistence forecast.
 */
public record Predictions(List<String> time, double[] lastClose, double[] predicted, double[] actual) {
    public static final String ARTIFACT_KIND = "predictions";

    public int size() {
        return predicted.length;
    }

    /** The forecasts as the diagnosis rules read them. */
    public Forecasts forecasts() {
        return new Forecasts(lastClose, predicted, actual);
    }

    /** Model errors, predicted − actual. */
    public double[] errors() {
        double[] e = new double[size()];
        for (int i = 0; i < e.length; i++) e[i] = predicted[i] - actual[i];
        return e;
    }

    /** A trial's predictions artifact, read; empty when it has none or the file is missing or unreadable. */
    public static Optional<Predictions> of(TrialReport r) {
        Optional<Path> file = r.artifacts().stream().filter(a -> a.kind().equals(ARTIFACT_KIND))
                .map(Artifact::path).map(Path::of).filter(Files::isRegularFile).findFirst();
        try {
            return file.map(Predictions::read);
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    public static Predictions read(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) throw new BadInputException(file + " is empty: expected a header time,last_close,predicted,actual");
            List<String> cols = List.of(header.trim().toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
            int ti = cols.indexOf("time"), li = cols.indexOf("last_close"), pi = cols.indexOf("predicted"),
                    ai = cols.indexOf("actual");
            if (ti < 0 || li < 0 || pi < 0 || ai < 0) {
                throw new BadInputException(file + " line 1: the header lacks one of time, last_close, predicted, actual");
            }
            List<String> time = new ArrayList<>();
            List<double[]> rows = new ArrayList<>();
            String line;
            int no = 1;
            while ((line = in.readLine()) != null) {
                no++;
                if (line.isBlank()) continue;
                String[] f = line.split(",", -1);
                try {
                    time.add(f[ti].trim());
                    rows.add(new double[]{Double.parseDouble(f[li]), Double.parseDouble(f[pi]), Double.parseDouble(f[ai])});
                } catch (RuntimeException e) {
                    // the line itself is not echoed: the file may not be what the store says it is
                    throw new BadInputException(file + " line " + no + ": not time,last_close,predicted,actual ("
                            + f.length + " fields); the file is damaged: reproduce the trial");
                }
            }
            double[] l = new double[rows.size()], p = new double[rows.size()], a = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                l[i] = rows.get(i)[0];
                p[i] = rows.get(i)[1];
                a[i] = rows.get(i)[2];
            }
            return new Predictions(List.copyOf(time), l, p, a);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read predictions " + file, e);
        }
    }
}
