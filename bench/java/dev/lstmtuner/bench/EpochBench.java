package dev.lstmtuner.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Epoch time of the stock DL4J LSTM layer and the fast layer on the two models.
 * Usage: {@code bench/run EpochBench [big|small|both] [stock|fast|both] [epochs=4]}. Prints each epoch's seconds,
 * the median without the first (warm-up) epoch, and stock/fast ratios measured in the same run. Besides wall time
 * it prints the training thread's CPU time, which is steadier on a shared machine (with OMP_NUM_THREADS=1 ND4J and
 * OpenBLAS compute on the calling thread).
 */
public final class EpochBench {
    public static void main(String[] args) {
        String models = args.length > 0 ? args[0] : "both";
        String impls = args.length > 1 ? args[1] : "both";
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        List<String> workloads = models.equals("both") ? List.of("small", "big") : List.of(models);
        List<String> layers = impls.equals("both") ? List.of("stock", "fast") : List.of(impls);
        Map<String, Double> medians = new LinkedHashMap<>();
        Map<String, Double> cpuMedians = new LinkedHashMap<>();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (String model : workloads) {
            BenchNets.Workload w = BenchNets.Workload.of(model);
            for (String impl : layers) {
                MultiLayerNetwork net = BenchNets.build(w, impl.equals("fast"));
                DataSetIterator data = BenchNets.data(w);
                double[] secs = new double[epochs];
                double[] cpu = new double[epochs];
                for (int e = 0; e < epochs; e++) {
                    data.reset();
                    long t0 = System.nanoTime();
                    long c0 = threads.getCurrentThreadCpuTime();
                    net.fit(data);
                    secs[e] = (System.nanoTime() - t0) / 1e9;
                    cpu[e] = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
                    System.out.printf("%s %s epoch %d: %.2f s wall, %.2f s cpu (score %.5f)%n", model, impl, e + 1,
                            secs[e], cpu[e], net.score());
                }
                if (impl.equals("fast")) {
                    long[] passes = dev.lstmtuner.model.FastLstmLayer.fastPassCounts();
                    System.out.printf("%s fast: fast-path passes so far: %d forward, %d backward%n", model, passes[0],
                            passes[1]);
                }
                double med = median(epochs > 1 ? Arrays.copyOfRange(secs, 1, epochs) : secs);
                double cpuMed = median(epochs > 1 ? Arrays.copyOfRange(cpu, 1, epochs) : cpu);
                medians.put(model + " " + impl, med);
                cpuMedians.put(model + " " + impl, cpuMed);
                System.out.printf("%s %s: median %.2f s/epoch wall, %.2f s cpu (params %d)%n", model, impl, med, cpuMed,
                        net.numParams());
            }
        }
        System.out.println("== summary (median s/epoch, first epoch excluded: wall, thread cpu) ==");
        medians.forEach((k, v) -> System.out.printf("%-12s %.2f  %.2f%n", k, v, cpuMedians.get(k)));
        for (String model : workloads) {
            Double s = medians.get(model + " stock");
            Double f = medians.get(model + " fast");
            if (s != null && f != null) {
                System.out.printf("%s: stock/fast = %.2fx wall, %.2fx cpu%n", model, s / f,
                        cpuMedians.get(model + " stock") / cpuMedians.get(model + " fast"));
            }
        }
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }
}
