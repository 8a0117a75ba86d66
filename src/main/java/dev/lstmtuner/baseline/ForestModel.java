package dev.lstmtuner.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lstmtuner.config.ConfigLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A random forest of regression trees on the whole window (every feature at every step, as the ridge model sees
 * it): {@code trees} trees, each on a bootstrap sample of the training windows, each split choosing among a third of
 * the inputs, depth at most {@code maxDepth}, predictions averaged. The trees are grown on quantile-binned inputs
 * ({@link BinnedTree}), which makes the whole window affordable: Tribuo's exact CART needed 397 s for 2 trees on
 * 24 × 20 values of BTC 2024 hourly, which is why forests used to see only the last bar. Seeded: the same config
 * gives the same forest.
 */
public final class ForestModel implements BaselineModel {
    static final double FEATURE_SHARE = 1.0 / 3;
    private final List<BinnedTree> trees;
    private final int per;

    private ForestModel(List<BinnedTree> trees, int per) {
        this.trees = List.copyOf(trees);
        this.per = per;
    }

    public static ForestModel fit(float[] x, float[] y, int n, int per, int trees, int maxDepth, long seed) {
        FeatureBins bins = FeatureBins.fit(x, n, per);
        byte[][] binned = bins.apply(x, n, per);
        List<BinnedTree> grown = new ArrayList<>(trees);
        int[] weight = new int[n];
        for (int t = 0; t < trees; t++) {
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + t);
            Arrays.fill(weight, 0);
            for (int i = 0; i < n; i++) weight[random.nextInt(n)]++;
            grown.add(BinnedTree.grow(binned, bins, y, weight, maxDepth, FEATURE_SHARE, random));
        }
        return new ForestModel(grown, per);
    }

    @Override
    public String family() {
        return "forest";
    }

    @Override
    public float[] predictScaled(float[] x, int n, int per) {
        if (per != this.per) {
            throw new IllegalArgumentException("windows have " + per + " values, the forest takes " + this.per);
        }
        float[] out = new float[n];
        for (int k = 0; k < n; k++) {
            double sum = 0;
            for (BinnedTree tree : trees) sum += tree.predict(x, k, per);
            out[k] = (float) (sum / trees.size());
        }
        return out;
    }

    /** Tree nodes: each holds one fitted number (a threshold or a leaf value). */
    @Override
    public long numParams() {
        return trees.stream().mapToLong(BinnedTree::size).sum();
    }

    @Override
    public String fileName() {
        return "model.json";
    }

    @Override
    public void write(Path file) throws IOException {
        Files.writeString(file, toJson());
    }

    String toJson() {
        ObjectNode n = ConfigLoader.mapper().createObjectNode();
        n.put("family", family());
        n.put("inputs", per);
        ArrayNode list = n.putArray("trees");
        for (BinnedTree t : trees) {
            ObjectNode o = list.addObject();
            ArrayNode column = o.putArray("column"), threshold = o.putArray("threshold"), left = o.putArray("left"),
                    right = o.putArray("right"), value = o.putArray("value");
            for (int i = 0; i < t.size(); i++) {
                column.add(t.column()[i]);
                // a float widened to double prints exactly and narrows back to the same float
                threshold.add((double) t.threshold()[i]);
                left.add(t.left()[i]);
                right.add(t.right()[i]);
                value.add((double) t.value()[i]);
            }
        }
        return n.toString();
    }

    static ForestModel fromJson(JsonNode n, String source) {
        int per = n.path("inputs").asInt(-1);
        JsonNode list = n.get("trees");
        if (per <= 0 || list == null || !list.isArray() || list.isEmpty()) {
            throw Baselines.corrupt(source, "a forest needs \"inputs\" and \"trees\"");
        }
        List<BinnedTree> trees = new ArrayList<>(list.size());
        for (int t = 0; t < list.size(); t++) trees.add(tree(list.get(t), per, source + ": trees[" + t + "]"));
        return new ForestModel(trees, per);
    }

    private static BinnedTree tree(JsonNode o, int per, String source) {
        int size = o.path("column").size();
        int[] column = ints(o, "column", size, source), left = ints(o, "left", size, source),
                right = ints(o, "right", size, source);
        float[] threshold = floats(o, "threshold", size, source), value = floats(o, "value", size, source);
        for (int i = 0; i < size; i++) {
            // children come after their parent: a tree read from a file always ends in a leaf
            boolean ok = column[i] < 0 || column[i] < per && left[i] > i && left[i] < size && right[i] > i && right[i] < size;
            if (!ok) throw Baselines.corrupt(source, "node " + i + " points outside the tree or the window");
        }
        if (size == 0) throw Baselines.corrupt(source, "a tree with no nodes");
        return new BinnedTree(column, threshold, left, right, value);
    }

    private static int[] ints(JsonNode o, String key, int size, String source) {
        JsonNode a = o.path(key);
        if (a.size() != size) throw Baselines.corrupt(source, "\"" + key + "\" has " + a.size() + " nodes, not " + size);
        int[] v = new int[size];
        for (int i = 0; i < size; i++) v[i] = a.get(i).asInt();
        return v;
    }

    private static float[] floats(JsonNode o, String key, int size, String source) {
        JsonNode a = o.path(key);
        if (a.size() != size) throw Baselines.corrupt(source, "\"" + key + "\" has " + a.size() + " nodes, not " + size);
        float[] v = new float[size];
        for (int i = 0; i < size; i++) v[i] = (float) a.get(i).asDouble();
        return v;
    }
}
