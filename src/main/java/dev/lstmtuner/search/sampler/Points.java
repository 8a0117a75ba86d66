package dev.lstmtuner.search.sampler;

import dev.lstmtuner.search.PastTrial;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Params compared by value (64 == 64.0: a store may hand back numbers in another boxed type). */
final class Points {
    private Points() {
    }

    static Map<String, Object> key(Map<String, Object> params) {
        Map<String, Object> k = new TreeMap<>();
        params.forEach((name, v) -> k.put(name, v instanceof Number n ? (Object) n.doubleValue() : v));
        return k;
    }

    /** Points of all trials already handed out, finished or not. */
    static Set<Map<String, Object>> taken(List<PastTrial> past) {
        Set<Map<String, Object>> taken = new HashSet<>();
        for (PastTrial t : past) taken.add(key(t.params()));
        return taken;
    }
}
