package dev.lstmtuner.search.sampler;

import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The points of a campaign's trials (params compared by value), kept as trials arrive by whoever keeps the
 * campaign's history, so that a sampler asks "is this point taken?" in one hash lookup at any campaign size instead
 * of indexing every past trial on every draw. A list of past trials that carries one ({@link Carrier}) hands it to
 * the samplers; for any other list they index the trials per call, as before. A {@link #layered} copy adds the
 * points drawn in this round on top without touching the campaign's own set.
 */
public final class TakenPoints {
    /** A list of past trials that knows their points: it must hold exactly the points of its trials. */
    public interface Carrier {
        TakenPoints takenPoints();
    }

    private final Set<Map<String, Object>> own = new HashSet<>();
    private final Set<Map<String, Object>> view;

    public TakenPoints() {
        this(null);
    }

    private TakenPoints(TakenPoints base) {
        this.view = base == null ? Collections.unmodifiableSet(own) : Points.union(base.view, own);
    }

    /** This set's points and, on top, those added to the copy (this set itself is left as it is). */
    public TakenPoints layered() {
        return new TakenPoints(this);
    }

    /** Adds a trial's params (search-space names). */
    public void add(Map<String, Object> params) {
        own.add(Points.key(params));
    }

    /** The points as a read-only set of {@link Points#key} maps (a live view). */
    Set<Map<String, Object>> keys() {
        return view;
    }
}
