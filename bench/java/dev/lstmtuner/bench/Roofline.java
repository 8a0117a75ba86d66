package dev.lstmtuner.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The limit an epoch is held against: the fastest single-thread sgemm GFLOP/s this machine computes correctly
 * through the layers' OpenBLAS ({@link SgemmRate}), with {@code OPENBLAS_CORETYPE} as this process has it and
 * unset. OpenBLAS reads the variable once, when it loads, so each setting runs in its own child JVM, one thread.
 */
final class Roofline {
    private static final Pattern BEST = Pattern.compile("^best ([0-9.]+)");
    private static final String SIZES = "1024,2048";

    private Roofline() {
    }

    /** A measured limit: GFLOP/s and the OPENBLAS_CORETYPE that gave it ("(unset)" when none). */
    record Rate(double gflops, String coreType) {
        /** Seconds {@code flops} take at this rate. */
        double seconds(double flops) {
            return flops / (gflops * 1e9);
        }
    }

    /** Measures every setting, printing SgemmRate's lines, and returns the fastest correct one. */
    static Rate measure() throws IOException, InterruptedException {
        List<String> settings = new ArrayList<>();
        settings.add(null);
        String set = System.getenv("OPENBLAS_CORETYPE");
        if (set != null && !set.isBlank()) {
            settings.add(set);
        }
        Rate best = new Rate(0, "(none correct)");
        for (String core : settings) {
            double gflops = run(core);
            if (gflops > best.gflops()) {
                best = new Rate(gflops, core == null ? "(unset)" : core);
            }
        }
        return best;
    }

    private static double run(String coreType) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SgemmRate.class.getName(), SIZES).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", "1");
        if (coreType == null) {
            pb.environment().remove("OPENBLAS_CORETYPE");
        } else {
            pb.environment().put("OPENBLAS_CORETYPE", coreType);
        }
        Process p = pb.start();
        double best = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                Matcher m = BEST.matcher(line);
                if (m.find()) {
                    best = Double.parseDouble(m.group(1));
                } else {
                    System.out.println("  " + line);
                }
            }
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException("SgemmRate failed (exit " + p.exitValue() + "), see its output above");
        }
        return best;
    }
}
