package dev.lstmtuner.search;

import java.util.AbstractList;
import java.util.List;

/** List views the search code needs without copying a campaign's worth of trials. */
final class Lists {
    private Lists() {
    }

    /** A read-only view of {@code a} followed by {@code b}; later changes to either show through. */
    static <T> List<T> concat(List<T> a, List<T> b) {
        return new AbstractList<>() {
            @Override
            public T get(int i) {
                return i < a.size() ? a.get(i) : b.get(i - a.size());
            }

            @Override
            public int size() {
                return a.size() + b.size();
            }
        };
    }
}
