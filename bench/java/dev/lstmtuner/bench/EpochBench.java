package dev.lstmtuner.bench;

import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.model.FastGruLayer;
import dev.lstmtuner.model.EpochFlops;
import dev.lstmtuner.model.FastLstmLayer;
import dev.lstmtuner.model.ModelFactory;
import dev.lstmtuner.train.Forecasts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Wall time of lstm-tuner's production epoch on the two models, beside PyTorch running the same epoch.
 * Usage: {@code bench/run EpochBench [big|small|both] [layers=fast,gru] [epochs=3] [rounds=2]}, layers from
 * {@code stock} (DL4J's LSTM), {@code fast} (FastLstm) and {@code gru} (FastGru).
 *
 * <p>The production epoch is what {@code train} runs: the network {@code ModelFactory} builds (a dropout layer after
 * every recurrent layer, the default clip_norm 1.0 per layer, Adam 1e-3), one fit per batch, then the validation
 * pass (15/70 of the training windows, the default split, through {@code Forecasts} in its chunks). Each round runs
 * our epochs and then, when {@code /usr/bin/python3} has torch, {@code bench/pytorch_production_epoch.py} with the
 * same shapes, clipping, dropout placement and validation, so both see the same machine load. Medians leave out our
 * first round (the JIT warms up over several epochs; with one round, our first epoch) and each PyTorch run's first
 * epoch. The summary prints lstm-tuner / PyTorch per model and cell, wall time only, and the epoch time as a
 * multiple of its limit: the epoch's matrix-product flops ({@link EpochFlops}, training windows forward and backward
 * plus the validation windows forward) at the fastest correct single-thread sgemm rate ({@link Roofline}, measured
 * at the start and at the end of the run; the better one counts). Threads: OMP_NUM_THREADS (bench/run sets 1) for
 * both sides.
 */
public final class EpochBench {
    private static final String PYTHON = "/usr/bin/python3";
    private static final Pattern EPOCH = Pattern.compile("^epoch \\d+ time ([0-9.]+)s");

    public static void main(String[] args) throws IOException, InterruptedException {
        String models = args.length > 0 ? args[0] : "both";
        List<String> layers = List.of((args.length > 1 ? args[1] : "fast,gru").split(","));
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        int threads = Integer.parseInt(System.getenv().getOrDefault("OMP_NUM_THREADS", "1"));
        List<String> workloads = models.equals("both") ? List.of("small", "big") : List.of(models);
        String torch = torchProblem();
        if (torch != null) {
            System.out.println("PyTorch yardstick skipped: " + torch);
        }
        System.out.printf("threads %d, load average at start: %s%n", threads, loadAverage());
        Roofline.Rate first = Roofline.measure();
        System.out.printf("sgemm limit at start: %.1f GFLOP/s (OPENBLAS_CORETYPE %s)%n", first.gflops(), first.coreType());
        Map<String, Double> flops = new LinkedHashMap<>();
        Map<String, List<Double>> ours = new LinkedHashMap<>();
        Map<String, List<Double>> theirs = new LinkedHashMap<>();
        for (String model : workloads) {
            BenchNets.Workload w = BenchNets.Workload.of(model);
            for (String layer : layers) {
                String key = model + " " + layer;
                RunConfig config = production(w, layer);
                MultiLayerNetwork net = ModelFactory.build(config, w.features());
                DataSetIterator data = BenchNets.data(w);
                Validation val = Validation.of(w);
                flops.put(key, EpochFlops.training(config, w.features(), w.windows())
                        + EpochFlops.forward(config, w.features(), val.n()));
                List<Double> mine = new ArrayList<>();
                List<Double> py = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    for (int e = 0; e < epochs; e++) {
                        data.reset();
                        long t0 = System.nanoTime();
                        net.fit(data);
                        long t1 = System.nanoTime();
                        double valLoss = val.loss(net);
                        double s = (System.nanoTime() - t0) / 1e9;
                        System.out.printf("%s round %d epoch %d: %.2f s wall, validation %.2f s (score %.5f, val %.5f)%n",
                                key, r + 1, e + 1, s, (System.nanoTime() - t1) / 1e9, net.score(), valLoss);
                        // the JIT takes several epochs to settle (a worker JVM stays warm across trials)
                        if (rounds > 1 ? r > 0 : e > 0) {
                            mine.add(s);
                        }
                    }
                    if (torch == null && !layer.equals("stock")) {
                        py.addAll(pytorch(model, layer.equals("gru") ? "gru" : "lstm", epochs, threads));
                    }
                }
                System.out.printf("%s: params %d; fast passes (LSTM fwd/bwd %s, GRU fwd/bwd %s)%n", key, net.numParams(),
                        Arrays.toString(FastLstmLayer.fastPassCounts()), Arrays.toString(FastGruLayer.passCounts()));
                ours.put(key, mine);
                theirs.put(key, py);
            }
        }
        Roofline.Rate last = Roofline.measure();
        System.out.printf("sgemm limit at end: %.1f GFLOP/s (OPENBLAS_CORETYPE %s)%n", last.gflops(), last.coreType());
        Roofline.Rate limit = last.gflops() > first.gflops() ? last : first;
        System.out.printf("load average at end: %s%n", loadAverage());
        System.out.printf("== summary: median wall s/epoch, production epoch (warm-up epochs left out), threads %d;"
                + " limit = GFLOP at %.1f GFLOP/s (sgemm, OPENBLAS_CORETYPE %s) ==%n", threads, limit.gflops(), limit.coreType());
        System.out.println("| model | layer | GFLOP/epoch | limit | lstm-tuner | PyTorch | ratio | lstm-tuner / limit |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Map.Entry<String, List<Double>> e : ours.entrySet()) {
            String[] k = e.getKey().split(" ");
            double f = flops.get(e.getKey());
            double limitSeconds = limit.seconds(f);
            System.out.printf("| %s | %s | %.1f | %.2f s | %s | %.2f |%n", k[0], k[1], f / 1e9, limitSeconds,
                    cells(e.getValue(), theirs.get(e.getKey())), median(e.getValue()) / limitSeconds);
        }
    }

    /** The run config whose network and epoch `train` would run for a workload: clip_norm and dropout at defaults. */
    static RunConfig production(BenchNets.Workload w, String layer) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("model", layer.equals("gru") ? "gru" : "lstm");
        if (!layer.equals("gru")) o.put("layer_impl", layer);
        o.put("units", Arrays.stream(w.units()).boxed().toList());
        o.put("dropout", w.dropBetween());
        o.put("dense_units", w.dense());
        o.put("time_steps", w.steps());
        o.put("batch_size", w.batch());
        o.put("learning_rate", 1e-3);
        o.put("clip_norm", 1.0);
        return ConfigLoader.withOverrides(RunConfig.DEFAULTS, o, "EpochBench " + w.name() + " " + layer);
    }

    /** Validation windows (15/70 of the training windows, as the default split holds them), flat in NCW order. */
    record Validation(float[] x, float[] y, int[] anchor, int features, int steps) {
        static Validation of(BenchNets.Workload w) {
            int n = w.windows() * 15 / 70;
            Random random = new Random(8);
            float[] x = new float[n * w.features() * w.steps()];
            float[] y = new float[n];
            int[] anchor = new int[n];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextFloat();
            }
            for (int i = 0; i < n; i++) {
                y[i] = random.nextFloat();
                anchor[i] = i;
            }
            return new Validation(x, y, anchor, w.features(), w.steps());
        }

        int n() {
            return y.length;
        }

        /** Mean squared error of the network's forecasts, computed the way {@code train} runs its validation pass. */
        double loss(MultiLayerNetwork net) {
            float[] out = Forecasts.predictScaled(net, x, anchor, n(), features, steps);
            double sum = 0;
            for (int i = 0; i < out.length; i++) {
                sum += (out[i] - y[i]) * (double) (out[i] - y[i]);
            }
            return sum / out.length;
        }
    }

    /** "ours s | theirs s | ratio". */
    private static String cells(List<Double> ours, List<Double> theirs) {
        double a = median(ours);
        if (theirs.isEmpty()) {
            return String.format("%.2f s | - | -", a);
        }
        double b = median(theirs);
        return String.format("%.2f s | %.2f s | %.2f", a, b, a / b);
    }

    /** The PyTorch production-epoch wall times (first epoch of the run left out) for one model and cell. */
    static List<Double> pytorch(String model, String cell, int epochs, int threads) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(PYTHON, "bench/pytorch_production_epoch.py", cell, model,
                String.valueOf(epochs + 1), String.valueOf(threads)).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", String.valueOf(threads));
        Process p = pb.start();
        List<Double> times = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                System.out.println("  pytorch " + cell + " " + model + ": " + line);
                Matcher m = EPOCH.matcher(line);
                if (m.find()) {
                    times.add(Double.parseDouble(m.group(1)));
                }
            }
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException("bench/pytorch_production_epoch.py failed (exit " + p.exitValue()
                    + "), see its output above");
        }
        return times.size() > 1 ? times.subList(1, times.size()) : times;
    }

    /** Why the yardstick cannot run here, or null when it can. */
    static String torchProblem() throws InterruptedException {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import torch").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                return PYTHON + " has no torch: apt-get install -y python3-torch libopenblas0-pthread";
            }
        } catch (IOException e) {
            return PYTHON + " not found: apt-get install -y python3 python3-torch libopenblas0-pthread";
        }
        return null;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    static double median(List<Double> v) {
        if (v.isEmpty()) {
            return Double.NaN;
        }
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }
}
