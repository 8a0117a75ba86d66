package dev.lstmtuner.bench;

import dev.lstmtuner.model.FastGruLayer;
import dev.lstmtuner.model.FastLstmLayer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Epoch time of lstm-tuner's recurrent layers on the two models, beside PyTorch doing the same epoch.
 * Usage: {@code bench/run EpochBench [big|small|both] [layers=fast,gru] [epochs=3] [rounds=2]}, layers from
 * {@code stock} (DL4J's LSTM), {@code fast} (FastLstm) and {@code gru} (FastGru).
 *
 * <p>Each round runs our epochs and then, when {@code /usr/bin/python3} has torch on OpenBLAS, the PyTorch yardstick
 * with the same shapes ({@code ../shared/bench/pytorch_epoch.py} for LSTM, {@code bench/pytorch_gru_epoch.py} for
 * GRU), so both see the same machine load. Medians leave out each run's first (warm-up) epoch; the summary prints
 * lstm-tuner / PyTorch per model and cell, for wall time and for CPU time (our training thread's, PyTorch's
 * process's via {@code bench/pytorch_timed.py}), which is steadier on a loaded machine. Threads: OMP_NUM_THREADS
 * (bench/run sets 1) for both sides.
 */
public final class EpochBench {
    private static final String PYTHON = "/usr/bin/python3";
    private static final Pattern CPU_EPOCH = Pattern.compile("^epoch \\d+ time ([0-9.]+)s");
    private static final Pattern WALL_EPOCH = Pattern.compile("^wall epoch \\d+ time ([0-9.]+)s");

    /** Seconds per epoch, wall and CPU, of one side. */
    record Times(List<Double> wall, List<Double> cpu) {
        Times() {
            this(new ArrayList<>(), new ArrayList<>());
        }

        void addAll(Times t) {
            wall.addAll(t.wall);
            cpu.addAll(t.cpu);
        }
    }

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
        Map<String, Times> ours = new LinkedHashMap<>();
        Map<String, Times> theirs = new LinkedHashMap<>();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (String model : workloads) {
            BenchNets.Workload w = BenchNets.Workload.of(model);
            for (String layer : layers) {
                String key = model + " " + layer;
                MultiLayerNetwork net = BenchNets.build(w, layer);
                DataSetIterator data = BenchNets.data(w);
                Times mine = new Times();
                Times py = new Times();
                for (int r = 0; r < rounds; r++) {
                    for (int e = 0; e < epochs; e++) {
                        data.reset();
                        long t0 = System.nanoTime();
                        long c0 = cpu.getCurrentThreadCpuTime();
                        net.fit(data);
                        double s = (System.nanoTime() - t0) / 1e9;
                        double c = (cpu.getCurrentThreadCpuTime() - c0) / 1e9;
                        System.out.printf("%s round %d epoch %d: %.2f s wall, %.2f s cpu (score %.5f)%n", key, r + 1,
                                e + 1, s, c, net.score());
                        if (r > 0 || e > 0) {
                            mine.wall().add(s);
                            mine.cpu().add(c);
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
        System.out.printf("load average at end: %s%n", loadAverage());
        System.out.println("== summary: median s/epoch (warm-up epochs left out), threads " + threads + " ==");
        System.out.println("| model | layer | lstm-tuner wall | PyTorch wall | ratio wall | lstm-tuner cpu | PyTorch cpu | ratio cpu |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Map.Entry<String, Times> e : ours.entrySet()) {
            String[] k = e.getKey().split(" ");
            Times p = theirs.get(e.getKey());
            System.out.printf("| %s | %s | %s |%n", k[0], k[1], String.join(" | ", cells(e.getValue().wall(), p.wall()),
                    cells(e.getValue().cpu(), p.cpu())));
        }
    }

    /** "ours s | theirs s | ratio" for one clock. */
    private static String cells(List<Double> ours, List<Double> theirs) {
        double a = median(ours);
        if (theirs.isEmpty()) {
            return String.format("%.2f s | - | -", a);
        }
        double b = median(theirs);
        return String.format("%.2f s | %.2f s | %.2f", a, b, a / b);
    }

    /** The PyTorch epoch times (first epoch of the run left out) for one model and cell. */
    static Times pytorch(String model, String cell, int epochs, int threads) throws IOException, InterruptedException {
        Path script = cell.equals("gru") ? Path.of("bench/pytorch_gru_epoch.py") : lstmYardstick();
        ProcessBuilder pb = new ProcessBuilder(PYTHON, "bench/pytorch_timed.py", script.toString(), model,
                String.valueOf(epochs + 1), String.valueOf(threads)).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", String.valueOf(threads));
        Process p = pb.start();
        Times times = new Times();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                System.out.println("  pytorch " + cell + " " + model + ": " + line);
                Matcher c = CPU_EPOCH.matcher(line);
                if (c.find()) {
                    times.cpu().add(Double.parseDouble(c.group(1)));
                }
                Matcher w = WALL_EPOCH.matcher(line);
                if (w.find()) {
                    times.wall().add(Double.parseDouble(w.group(1)));
                }
            }
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException(script + " failed (exit " + p.exitValue() + "), see its output above");
        }
        return new Times(withoutFirst(times.wall()), withoutFirst(times.cpu()));
    }

    private static List<Double> withoutFirst(List<Double> v) {
        return v.size() > 1 ? v.subList(1, v.size()) : v;
    }

    /** Why the yardstick cannot run here, or null when it can. */
    static String torchProblem() throws InterruptedException {
        if (lstmYardstick() == null) {
            return "../shared/bench/pytorch_epoch.py not found (set LSTM_TUNER_SHARED to the shared folder)";
        }
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

    /** ../shared/bench/pytorch_epoch.py from the repository root or from a worktree one level further down. */
    static Path lstmYardstick() {
        List<Path> candidates = new ArrayList<>();
        String shared = System.getenv("LSTM_TUNER_SHARED");
        if (shared != null) {
            candidates.add(Path.of(shared, "bench", "pytorch_epoch.py"));
        }
        candidates.add(Path.of("..", "shared", "bench", "pytorch_epoch.py"));
        candidates.add(Path.of("..", "..", "shared", "bench", "pytorch_epoch.py"));
        return candidates.stream().filter(Files::isRegularFile).findFirst().orElse(null);
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
