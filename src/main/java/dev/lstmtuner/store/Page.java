package dev.lstmtuner.store;

import java.util.List;

/** One page of a sorted query and the total number of matching rows. */
public record Page<T>(List<T> items, long total, int offset, int limit) {
}
