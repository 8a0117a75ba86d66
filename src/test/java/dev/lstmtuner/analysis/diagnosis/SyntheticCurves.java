package dev.lstmtuner.analysis.diagnosis;

import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.TrialState;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import java.util.function.IntToDoubleFunction;

/**
 * Seeded learning curves and forecasts for the rule tests: healthy ones (both losses fall to a plateau, with
 * epoch-to-epoch noise of 0.5-3 % of the loss, half of them stopped early with patience 15) and each rule's planted
 * pattern.
 */
final class SyntheticCurves {
    static final int EPOCHS = 100;
    static final int PATIENCE = 15;
    static final TrainingSetup LSTM = new TrainingSetup("lstm", EPOCHS, TrialState.COMPLETE);

    private SyntheticCurves() {
    }

    /** Both losses fall (time constant 2-15 epochs) to a plateau; half the runs stop early. */
    static List<EpochMetrics> healthy(Random rng) {
        double tau = uniform(rng, 2, 15), noise = uniform(rng, 0.005, 0.03);
        double floor = uniform(rng, 0.2, 1), start = floor * uniform(rng, 1.5, 4);
        return run(rng, t -> floor * 0.8 + (start - floor * 0.8) * Math.exp(-t / (tau * 0.8)),
                t -> floor + (start - floor) * Math.exp(-t / tau), noise, rng.nextBoolean());
    }

    /** Training loss falls; validation loss is flat with noise of 0.5-3 %: nothing to see, 100 epochs, no stopping. */
    static List<EpochMetrics> flatNoisyValidation(Random rng) {
        double noise = uniform(rng, 0.005, 0.03), level = uniform(rng, 0.5, 1.5);
        return run(rng, t -> level * (0.3 + 0.7 * Math.exp(-t / 20.0)), t -> level, noise, false);
    }

    /**
     * Overfitting: validation loss falls to its minimum at epoch 10-40, then rises by 0.5-2 % of that minimum per
     * epoch while training loss keeps falling; half the runs stop early (so 15 epochs after the best).
     */
    static List<EpochMetrics> overfitting(Random rng) {
        double tau = uniform(rng, 2, 8), noise = uniform(rng, 0.005, 0.03), turn = uniform(rng, 10, 40);
        double slope = uniform(rng, 0.005, 0.02), floor = uniform(rng, 0.2, 1), start = floor * uniform(rng, 1.5, 4);
        return run(rng, t -> floor * 0.6 * (0.3 + 0.7 * Math.exp(-t / 30.0)) + (start - floor) * Math.exp(-t / tau),
                t -> floor + (start - floor) * Math.exp(-t / tau) + floor * slope * Math.max(0, t - turn),
                noise, rng.nextBoolean());
    }

    /** Underfitting: both losses fall by 0-5 % and stay there. */
    static List<EpochMetrics> underfitting(Random rng) {
        double noise = uniform(rng, 0.005, 0.03), level = uniform(rng, 0.5, 1.5), fall = uniform(rng, 0, 0.05);
        return run(rng, t -> level * (1 - fall * (1 - Math.exp(-t / 5.0))),
                t -> level * 1.05 * (1 - fall * (1 - Math.exp(-t / 5.0))), noise, rng.nextBoolean());
    }

    /** Unstable: a healthy shape whose validation loss swings by 20-50 % (log-normal) from epoch to epoch. */
    static List<EpochMetrics> unstable(Random rng) {
        double tau = uniform(rng, 2, 15), floor = uniform(rng, 0.2, 1), start = floor * uniform(rng, 1.5, 4);
        double swing = uniform(rng, 0.2, 0.5);
        List<EpochMetrics> calm = run(rng, t -> floor * 0.8 + (start - floor * 0.8) * Math.exp(-t / tau),
                t -> floor + (start - floor) * Math.exp(-t / tau), 0.01, false);
        List<EpochMetrics> out = new ArrayList<>();
        for (EpochMetrics e : calm) {
            out.add(new EpochMetrics(e.epoch(), e.trainLoss(), e.valLoss() * Math.exp(swing * rng.nextGaussian()),
                    e.valRmse(), e.durationMs()));
        }
        return out;
    }

    /** Too slow: both losses fall with a time constant of 80-200 epochs and are cut at max_epochs. */
    static List<EpochMetrics> tooSlow(Random rng) {
        double tau = uniform(rng, 80, 200), noise = uniform(rng, 0.005, 0.03);
        double floor = uniform(rng, 0.2, 1), start = floor * uniform(rng, 1.5, 4);
        return run(rng, t -> floor * 0.8 + (start - floor * 0.8) * Math.exp(-t / tau),
                t -> floor + (start - floor) * Math.exp(-t / tau), noise, false);
    }

    /**
     * EPOCHS epochs of the two shapes with multiplicative Gaussian noise; with {@code stopEarly}, cut at the best
     * epoch + PATIENCE as early stopping would.
     */
    static List<EpochMetrics> run(Random rng, IntToDoubleFunction train, IntToDoubleFunction val, double noise,
                                  boolean stopEarly) {
        List<EpochMetrics> out = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        int bestAt = 0;
        for (int t = 0; t < EPOCHS; t++) {
            double tr = train.applyAsDouble(t) * (1 + noise * rng.nextGaussian());
            double v = val.applyAsDouble(t) * (1 + noise * rng.nextGaussian());
            out.add(new EpochMetrics(t + 1, tr, v, Math.sqrt(v), 10));
            if (v < best) {
                best = v;
                bestAt = t;
            }
            if (stopEarly && t - bestAt >= PATIENCE) break;
        }
        return out;
    }

    /** Test forecasts that carry information: the predicted move is a tenth of the actual move plus noise. */
    static Forecasts informative(Random rng, int n) {
        return forecasts(rng, n, 0.1, 0.2);
    }

    /** Forecasts that stand still: moves of 2 % of the price's. */
    static Forecasts standingStill(Random rng, int n) {
        return forecasts(rng, n, 0, 0.02);
    }

    /** Forecasts that are noise: moves as large as half the price's, unrelated to them. */
    static Forecasts noise(Random rng, int n) {
        return forecasts(rng, n, 0, 0.5);
    }

    /** Actual move ~ N(0, 1) per window around a random-walk price; predicted move = beta · actual + sd · noise. */
    private static Forecasts forecasts(Random rng, int n, double beta, double sd) {
        double[] last = new double[n], predicted = new double[n], actual = new double[n];
        double price = 100;
        for (int i = 0; i < n; i++) {
            double move = rng.nextGaussian();
            last[i] = price;
            actual[i] = price + move;
            predicted[i] = price + beta * move + sd * rng.nextGaussian();
            price = actual[i];
        }
        return new Forecasts(last, predicted, actual);
    }

    static double uniform(Random rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    /**
     * The share of {@code runs} seeded curves from {@code curves} whose diagnoses include {@code kind}, printed (as
     * "diagnosis rate: ...") for docs/diagnoses.md.
     */
    static double rate(long seed, int runs, Function<Random, List<EpochMetrics>> curves, DiagnosisKind kind) {
        Random rng = new Random(seed);
        int hits = 0;
        for (int i = 0; i < runs; i++) {
            if (Diagnoses.of(LSTM, curves.apply(rng), null).kinds().contains(kind)) hits++;
        }
        return report(kind, seed, hits, runs);
    }

    static double report(DiagnosisKind kind, long seed, int hits, int runs) {
        String test = StackWalker.getInstance().walk(f -> f.skip(2).findFirst().map(StackWalker.StackFrame::getMethodName)
                .orElse("?"));
        System.out.printf(Locale.ROOT, "diagnosis rate: %s %d/%d (seed %d) in %s%n", kind.key(), hits, runs, seed, test);
        return hits / (double) runs;
    }
}
