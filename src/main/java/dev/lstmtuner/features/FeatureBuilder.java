package dev.lstmtuner.features;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.data.Series;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Computes the selected causal features of a series (formulas, scales and warm-up rules in {@link FeatureColumns};
 * names in {@link FeatureSpec#known()}). The leading {@code firstRow} bars, the longest warm-up of the selected
 * features, are dropped; every value after that must be finite.
 */
public final class FeatureBuilder {
    private FeatureBuilder() {
    }

    /** Checks feature names without computing anything (for config validation); throws on the first bad one. */
    public static void checkNames(List<String> names) {
        parse(names);
    }

    /** The known names and patterns, for help texts. */
    public static String knownNames() {
        return FeatureSpec.known();
    }

    public static FeatureMatrix build(Series series, List<String> names) {
        List<FeatureSpec> specs = parse(names);
        Bars bars = new Bars(series);
        List<Column> cols = new ArrayList<>(specs.size());
        int firstRow = 0;
        for (FeatureSpec spec : specs) {
            Column col = FeatureColumns.compute(spec, bars);
            cols.add(col);
            firstRow = Math.max(firstRow, col.warmup());
        }
        int size = series.size();
        if (firstRow >= size) {
            throw new BadInputException("features: the selected features need " + firstRow + " warm-up bars but "
                    + series.source() + " has only " + size + "; use more data or shorter indicator lengths");
        }
        double[][] values = new double[size - firstRow][cols.size()];
        for (int j = 0; j < cols.size(); j++) {
            double[] v = cols.get(j).values();
            for (int i = firstRow; i < size; i++) {
                if (!Double.isFinite(v[i])) {
                    throw new BadInputException("feature " + cols.get(j).name() + " is " + v[i] + " at bar " + i
                            + " (" + Instant.ofEpochMilli(series.timeMs()[i]) + ") of " + series.source()
                            + "; check that bar's prices and volume, or drop the feature");
                }
                values[i - firstRow][j] = v[i];
            }
        }
        return new FeatureMatrix(List.copyOf(names), values, firstRow);
    }

    private static List<FeatureSpec> parse(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new BadInputException("features: the list is empty; " + FeatureSpec.known());
        }
        List<FeatureSpec> specs = new ArrayList<>();
        var seen = new HashSet<String>();
        for (String name : names) {
            FeatureSpec spec = FeatureSpec.parse(name);
            if (!seen.add(name)) throw new BadInputException("features: \"" + name + "\" is listed twice; list each once");
            specs.add(spec);
        }
        return specs;
    }
}
