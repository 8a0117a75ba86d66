package dev.lstmtuner.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Resident memory over many epochs: {@code bench/run MemoryBench [small|big] [fast|stock|gru] [epochs=200]}.
 * Prints VmRSS every 10 epochs (with the Java heap and JavaCPP's native allocations, to tell heap growth from a
 * native leak) and the growth from epoch 10 (after warm-up) to the end; flat within 10 % is the aim.
 */
public final class MemoryBench {
    public static void main(String[] args) throws IOException {
        BenchNets.Workload w = BenchNets.Workload.of(args.length > 0 ? args[0] : "small");
        String layer = args.length > 1 ? args[1] : "fast";
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        MultiLayerNetwork net = BenchNets.build(w, layer);
        DataSetIterator data = BenchNets.data(w);
        long baseline = -1;
        long last = -1;
        for (int e = 1; e <= epochs; e++) {
            data.reset();
            net.fit(data);
            if (e % 10 == 0) {
                last = rssKb();
                if (baseline < 0) {
                    baseline = last;
                }
                Runtime rt = Runtime.getRuntime();
                System.out.printf("%s %s epoch %d: VmRSS %d MB, Java heap %d MB used of %d MB committed, "
                                + "JavaCPP native %d MB (score %.5f)%n", w.name(), layer, e, last / 1024,
                        (rt.totalMemory() - rt.freeMemory()) >> 20, rt.totalMemory() >> 20,
                        org.bytedeco.javacpp.Pointer.totalBytes() >> 20, net.score());
            }
        }
        if (baseline > 0) {
            System.out.printf("RSS growth epoch 10 -> %d: %+.1f %%%n", epochs, 100.0 * (last - baseline) / baseline);
        }
    }

    static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
