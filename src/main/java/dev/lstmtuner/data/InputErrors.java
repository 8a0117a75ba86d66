package dev.lstmtuner.data;

import dev.lstmtuner.config.BadInputException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects the problems found in one input file so the user can fix several at once. {@link #throwIfAny()} raises
 * one {@link BadInputException} listing the first {@link #SHOWN} in line order (checks run in several passes) and
 * the total count.
 */
final class InputErrors {
    static final int SHOWN = 10;
    private static final int MAX_VALUE_CHARS = 40;

    private final String file;
    private final String fileName;
    private static final int KEPT = 10_000;   // enough to sort; a file that is all errors needs no more

    private record Problem(int line, String text) {
    }

    private final List<Problem> problems = new ArrayList<>();
    private int total;

    InputErrors(String file, String fileName) {
        this.file = file;
        this.fileName = fileName;
    }

    /** One bad cell: {@code problem} says what is wrong (and, where useful, what to do). */
    void add(int line, String column, String value, String problem) {
        keep(line, fileName + " line " + line + ", column " + column + ": value \"" + clip(value) + "\" " + problem);
    }

    /** A problem that is about a whole line (wrong column count, bad header). */
    void addLine(int line, String problem) {
        keep(line, fileName + " line " + line + ": " + problem);
    }

    /** A problem with the file as a whole (too few rows). */
    void addFile(String problem) {
        keep(0, fileName + ": " + problem);
    }

    private void keep(int line, String text) {
        total++;
        if (problems.size() < KEPT) problems.add(new Problem(line, text));
    }

    void throwIfAny() {
        if (total == 0) return;
        List<String> shown = problems.stream().sorted(Comparator.comparingInt(Problem::line)).limit(SHOWN)
                .map(Problem::text).toList();
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
