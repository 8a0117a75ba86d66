package dev.lstmtuner.search.space;

import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters a campaign searches, in dependency order (a parameter comes after those its conditions and
 * {@code max_of} refer to). Samplers work in the unit cube, one coordinate per parameter; {@link #decode} turns a
 * point of the cube into params, dropping parameters whose conditions fail. Param names are run config keys plus
 * the layer sugar {@code layers} and {@code units_1..units_4}, which {@link #toConfigOverrides} folds into
 * {@code units}. Files are described in search-spaces/README.md.
 */
public final class SearchSpace {
    public static final String LAYERS = "layers";
    public static final int MAX_LAYERS = 4;

    private final String source;
    private final String description;
    private final List<Param> params;
    private final List<ParameterSpace<?>> leaves = new ArrayList<>();

    public SearchSpace(String source, String description, List<Param> params) {
        this.source = source;
        this.description = description;
        this.params = List.copyOf(params);
        for (int i = 0; i < this.params.size(); i++) {
            ParameterSpace<?> leaf = this.params.get(i).leaf();
            leaf.setIndices(i); // Arbiter's generators number the same leaves in the same order
            leaves.add(leaf);
        }
    }

    public String source() {
        return source;
    }

    public String description() {
        return description;
    }

    public List<Param> params() {
        return params;
    }

    /** This space as one Arbiter parameter space (for Arbiter's candidate generators): values are decoded params. */
    public ParameterSpace<Map<String, Object>> asArbiterSpace() {
        return new ArbiterSpace(this, Collections.unmodifiableList(leaves));
    }

    public static SearchSpace load(Path file) {
        return SearchSpaceParser.load(file);
    }

    public static SearchSpace parse(String json, String source) {
        return SearchSpaceParser.parse(json, source);
    }

    public int dimensions() {
        return params.size();
    }

    public Param param(String name) {
        for (Param p : params) if (p.name().equals(name)) return p;
        return null;
    }

    public List<String> names() {
        return params.stream().map(Param::name).toList();
    }

    /** Whether {@code p} exists given the parameters assigned so far. */
    public boolean isActive(Param p, Map<String, Object> assigned) {
        for (Condition c : p.when()) if (!c.test(assigned)) return false;
        return true;
    }

    /** The values {@code p} may take given the parameters assigned so far ({@code max_of} applied). */
    public List<Object> allowedValues(CategoricalParam p, Map<String, Object> assigned) {
        if (p.maxOf() == null || !(assigned.get(p.maxOf()) instanceof Number bound)) return p.values();
        List<Object> ok = new ArrayList<>();
        for (Object v : p.values()) {
            if (((Number) v).doubleValue() <= bound.doubleValue()) ok.add(v);
        }
        return ok;
    }

    /** The params at point u of the unit cube (u.length == dimensions()); inactive parameters are left out. */
    public Map<String, Object> decode(double[] point) {
        double[] u = new double[params.size()];
        for (int i = 0; i < u.length; i++) u[i] = clamp(point[i]);
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            if (!isActive(p, out)) continue;
            if (p instanceof CategoricalParam c && c.maxOf() != null) {
                // u is spread over the allowed values only, so every allowed value stays equally likely
                List<Object> ok = allowedValues(c, out);
                out.put(p.name(), ok.get(Math.min(ok.size() - 1, (int) Math.floor(u[i] * ok.size()))));
            } else {
                out.put(p.name(), p.fromLeaf(leaves.get(i).getValue(u)));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** A point of the unit cube that decodes to {@code params}; absent parameters get 0.5. */
    public double[] encode(Map<String, Object> values) {
        double[] u = new double[params.size()];
        Map<String, Object> assigned = new LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            Object v = values.get(p.name());
            if (v == null || !isActive(p, assigned)) {
                u[i] = 0.5;
                continue;
            }
            if (p instanceof CategoricalParam c && c.maxOf() != null) {
                List<Object> ok = allowedValues(c, assigned);
                int j = 0;
                while (j < ok.size() && !CategoricalParam.same(ok.get(j), v)) j++;
                u[i] = (Math.min(j, ok.size() - 1) + 0.5) / ok.size();
            } else {
                u[i] = p.coordinateOf(v);
            }
            assigned.put(p.name(), v);
        }
        return u;
    }

    /** The run config keys a trial with these params overrides; {@code layers} and {@code units_k} become {@code units}. */
    public Map<String, Object> toConfigOverrides(Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Integer> units = new ArrayList<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (!isLayerSugar(e.getKey())) out.put(e.getKey(), e.getValue());
        }
        boolean sugar = values.keySet().stream().anyMatch(SearchSpace::isLayerSugar);
        if (sugar) {
            int layers = values.get(LAYERS) instanceof Number n ? n.intValue() : MAX_LAYERS;
            for (int k = 1; k <= layers && values.get(unitsKey(k)) instanceof Number n; k++) units.add(n.intValue());
            out.put("units", units);
        }
        return out;
    }

    public static String unitsKey(int k) {
        return "units_" + k;
    }

    public static boolean isLayerSugar(String name) {
        return name.equals(LAYERS) || name.matches("units_[1-" + MAX_LAYERS + "]");
    }

    @Override
    public String toString() {
        return "SearchSpace(" + source + ": " + names() + ")";
    }

    private static double clamp(double u) {
        return Math.min(1.0, Math.max(0.0, u));
    }
}
