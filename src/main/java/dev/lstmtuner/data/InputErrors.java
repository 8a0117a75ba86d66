package dev.lstmtuner.data;

import dev.lstmtuner.config.BadInputException;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the problems found in one input file so the user can fix several at once: the first {@link #SHOWN}
 * are kept verbatim, the rest are only counted. {@link #throwIfAny()} raises one {@link BadInputException}.
 */
final class InputErrors {
    static final int SHOWN = 10;
    private static final int MAX_VALUE_CHARS = 40;

    private final String file;
    private final String fileName;
    private final List<String> shown = new ArrayList<>();
    private int total;

    InputErrors(String file, String fileName) {
        this.file = file;
        this.fileName = fileName;
    }

    /** One bad cell: {@code problem} says what is wrong (and, where useful, what to do). */
    void add(int line, String column, String value, String problem) {
        total++;
        if (shown.size() < SHOWN) {
            shown.add(fileName + " line " + line + ", column " + column + ": value \"" + clip(value) + "\" " + problem);
        }
    }

    /** A problem that is about a whole line (wrong column count, bad header). */
    void addLine(int line, String problem) {
        total++;
        if (shown.size() < SHOWN) shown.add(fileName + " line " + line + ": " + problem);
    }

    /** A problem with the file as a whole (too few rows). */
    void addFile(String problem) {
        total++;
        if (shown.size() < SHOWN) shown.add(fileName + ": " + problem);
    }

    int count() {
        return total;
    }

    void throwIfAny() {
        if (total == 0) return;
        StringBuilder sb = new StringBuilder("bad data in ").append(file).append(": ").append(total)
                .append(total == 1 ? " problem" : " problems");
        if (total > shown.size()) sb.append(" (first ").append(shown.size()).append(" shown)");
        sb.append(", fix them and retry:");
        for (String s : shown) sb.append("\n  ").append(s);
        if (total > shown.size()) sb.append("\n  ... and ").append(total - shown.size()).append(" more");
        throw new BadInputException(sb.toString());
    }

    static String clip(String value) {
        return value.length() <= MAX_VALUE_CHARS ? value : value.substring(0, MAX_VALUE_CHARS) + "...";
    }
}
