package dev.lstmtuner.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lstmtuner.config.ConfigLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealVector;

/**
 * Ridge regression on the flattened window: minimises the mean squared error plus {@code l2}·‖w‖² (the config's
 * {@code l2}, the same per-sample weight penalty the networks take), in closed form: Cholesky of the centred normal
 * equations with α = n·l2; the intercept is not penalised. At l2 = 0 a tiny α (1e-8 of the mean diagonal) keeps the
 * system solvable when features are collinear (MACD, its signal and their difference are).
 */
public record RidgeModel(double[] weights, double intercept, double l2) implements BaselineModel {
    static final double JITTER = 1e-8;

    public static RidgeModel fit(float[] x, float[] y, int n, int per, double l2) {
        double[] mean = new double[per];
        double yMean = 0;
        for (int k = 0; k < n; k++) {
            yMean += y[k];
            for (int j = 0; j < per; j++) mean[j] += x[k * per + j];
        }
        yMean /= n;
        for (int j = 0; j < per; j++) mean[j] /= n;
        double[][] xtx = new double[per][per];
        double[] xty = new double[per];
        double[] row = new double[per];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < per; j++) row[j] = x[k * per + j] - mean[j];
            double yc = y[k] - yMean;
            for (int i = 0; i < per; i++) {
                double ri = row[i];
                xty[i] += ri * yc;
                double[] out = xtx[i];
                for (int j = i; j < per; j++) out[j] += ri * row[j];
            }
        }
        double trace = 0;
        for (int i = 0; i < per; i++) {
            for (int j = 0; j < i; j++) xtx[i][j] = xtx[j][i];
            trace += xtx[i][i];
        }
        double ridge = l2 > 0 ? l2 * n : JITTER * Math.max(trace / per, 1e-12);
        for (int i = 0; i < per; i++) xtx[i][i] += ridge;
        RealVector w;
        try {
            w = new CholeskyDecomposition(new Array2DRowRealMatrix(xtx, false), 1e-15, 1e-15).getSolver()
                    .solve(new ArrayRealVector(xty, false));
        } catch (NonPositiveDefiniteMatrixException e) {
            throw new IllegalArgumentException("ridge regression cannot be solved with l2 = " + l2
                    + ": raise \"l2\" (e.g. 0.01)", e);
        }
        double[] weights = w.toArray();
        double b = yMean;
        for (int j = 0; j < per; j++) b -= weights[j] * mean[j];
        return new RidgeModel(weights, b, l2);
    }

    @Override
    public String family() {
        return "linear";
    }

    @Override
    public float[] predictScaled(float[] x, int n, int per) {
        if (per != weights.length) {
            throw new IllegalArgumentException("windows have " + per + " values, the model takes " + weights.length);
        }
        float[] out = new float[n];
        for (int k = 0; k < n; k++) {
            double s = intercept;
            for (int j = 0; j < per; j++) s += weights[j] * x[k * per + j];
            out[k] = (float) s;
        }
        return out;
    }

    @Override
    public long numParams() {
        return weights.length + 1L;
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
        n.put("l2", l2);
        n.put("intercept", intercept);
        ArrayNode w = n.putArray("weights");
        for (double v : weights) w.add(v);
        return n.toString();
    }

    static RidgeModel fromJson(JsonNode n, String source) {
        JsonNode w = n.get("weights");
        if (w == null || !w.isArray() || w.isEmpty() || !n.path("intercept").isNumber()) {
            throw Baselines.corrupt(source, "a linear model needs \"weights\" and \"intercept\"");
        }
        double[] weights = new double[w.size()];
        for (int i = 0; i < weights.length; i++) {
            if (!w.get(i).isNumber()) throw Baselines.corrupt(source, "weights[" + i + "] is not a number");
            weights[i] = w.get(i).asDouble();
        }
        return new RidgeModel(weights, n.get("intercept").asDouble(), n.path("l2").asDouble());
    }
}
