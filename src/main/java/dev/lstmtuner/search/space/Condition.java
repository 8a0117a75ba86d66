package dev.lstmtuner.search.space;

import java.util.Map;
import java.util.Objects;

/**
 * "param op value", e.g. {@code layers >= 3}: a parameter is sampled only when all its conditions hold. A condition
 * on a parameter that is itself absent is false, so absence propagates down a chain of conditions.
 */
public record Condition(String param, String op, Object value) {
    public boolean test(Map<String, Object> assigned) {
        if (!assigned.containsKey(param)) return false;
        Object actual = assigned.get(param);
        if (actual instanceof Number a && value instanceof Number b) {
            int c = Double.compare(a.doubleValue(), b.doubleValue());
            return switch (op) {
                case ">=" -> c >= 0;
                case ">" -> c > 0;
                case "<=" -> c <= 0;
                case "<" -> c < 0;
                case "==" -> c == 0;
                case "!=" -> c != 0;
                default -> throw new IllegalStateException(op);
            };
        }
        return switch (op) {
            case "==" -> Objects.equals(actual, value);
            case "!=" -> !Objects.equals(actual, value);
            default -> false;
        };
    }

    @Override
    public String toString() {
        return param + " " + op + " " + value;
    }
}
