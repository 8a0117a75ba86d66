package dev.lstmtuner.store;

import dev.lstmtuner.config.BadInputException;

import java.time.Instant;
import java.util.Locale;

/**
 * A note (free text) or tag (short label) on a campaign ({@code trialId} null) or on one of its trials. Text is
 * stored as typed: whoever shows it must escape it.
 */
public record Note(long id, String campaign, Long trialId, Kind kind, String text, Instant createdAt) {
    /** Longest note. */
    public static final int MAX_NOTE = 2_000;
    /** Longest tag. */
    public static final int MAX_TAG = 40;
    /** Most notes and tags on one campaign and its trials: the pages list them all. */
    public static final int MAX_PER_CAMPAIGN = 1_000;

    public enum Kind { NOTE, TAG }

    /** The text trimmed, or a {@link BadInputException} saying what is allowed. */
    public static String check(Kind kind, String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) throw new BadInputException("a " + name(kind) + " needs some text");
        int max = kind == Kind.TAG ? MAX_TAG : MAX_NOTE;
        if (t.length() > max) {
            throw new BadInputException("a " + name(kind) + " holds at most " + max + " characters, got " + t.length());
        }
        if (kind == Kind.TAG && t.chars().anyMatch(Character::isISOControl)) {
            throw new BadInputException("a tag is one line of text: remove the line breaks");
        }
        // bidi overrides and other invisible format characters (Unicode Cf) make text display as something it is not
        int hidden = t.codePoints().filter(c -> Character.getType(c) == Character.FORMAT).findFirst().orElse(-1);
        if (hidden >= 0) {
            throw new BadInputException(String.format(Locale.ROOT, "a %s may not hold the invisible format character "
                    + "U+%04X (direction overrides and the like can make text read as something else): remove it", name(kind), hidden));
        }
        return t;
    }

    private static String name(Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
