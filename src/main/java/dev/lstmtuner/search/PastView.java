package dev.lstmtuner.search;

import dev.lstmtuner.search.sampler.TakenPoints;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A read-only live view of past trials ({@code first} then {@code then}) that carries the set of their points, so
 * a sampler looks a draw up in it instead of indexing a campaign's worth of trials per draw. Whoever builds one
 * keeps {@code taken} holding exactly the points of both lists.
 */
final class PastView extends AbstractList<PastTrial> implements RandomAccess, TakenPoints.Carrier {
    private final List<PastTrial> first;
    private final List<PastTrial> then;
    private final TakenPoints taken;

    PastView(List<PastTrial> first, List<PastTrial> then, TakenPoints taken) {
        this.first = first;
        this.then = then;
        this.taken = taken;
    }

    @Override
    public PastTrial get(int i) {
        return i < first.size() ? first.get(i) : then.get(i - first.size());
    }

    @Override
    public int size() {
        return first.size() + then.size();
    }

    @Override
    public TakenPoints takenPoints() {
        return taken;
    }
}
