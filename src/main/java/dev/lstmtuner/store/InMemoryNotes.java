package dev.lstmtuner.store;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Notes and tags of an {@link InMemoryStore}, under its lock, by its clock. */
final class InMemoryNotes {
    private final Clock clock;
    private final Map<Long, Note> notes = new TreeMap<>();
    private long nextId = 1;

    InMemoryNotes(Clock clock) {
        this.clock = clock;
    }

    Note add(String campaign, Long trialId, Note.Kind kind, String text) {
        Note n = new Note(nextId++, campaign, trialId, kind, Note.check(kind, text), clock.instant());
        notes.put(n.id(), n);
        return n;
    }

    List<Note> list(String campaign) {
        List<Note> out = new ArrayList<>();
        for (Note n : notes.values()) if (n.campaign().equals(campaign)) out.add(n);
        return out;
    }

    boolean delete(long id) {
        return notes.remove(id) != null;
    }

    void forget(String campaign) {
        notes.values().removeIf(n -> n.campaign().equals(campaign));
    }
}
