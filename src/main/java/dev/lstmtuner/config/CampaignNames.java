package dev.lstmtuner.config;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The one format for campaign names, wherever a name comes from (--name, an experiment file, the API): 1-80
 * letters, digits, '.', '_' or '-', starting with a letter or digit. Such a name is one path segment (no '/',
 * never '.' or '..'), needs no quoting in a shell or HTML, and so is safe in artifact paths, logs and pages.
 */
public final class CampaignNames {
    public static final String RULE = "1-80 letters, digits, '.', '_' or '-', starting with a letter or digit";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,79}");

    private CampaignNames() {
    }

    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** @param where what the name came from, for the message ("--name", "experiments/x.json: \"name\"") */
    public static String require(String name, String where) {
        if (!isValid(name)) {
            throw new BadInputException(where + ": a campaign name must be " + RULE + ", got "
                    + (name == null ? "nothing" : "\"" + printable(name) + "\"") + "; pick another name");
        }
        return name;
    }

    /**
     * The artifact folder of one trial, {@code root/campaign/number}, checked to be exactly two levels under
     * {@code root} even if a name slipped past validation (a campaign stored by an older version, say).
     */
    public static Path artifactDir(Path root, String campaign, int number) {
        Path base = root.toAbsolutePath().normalize();
        Path dir = base.resolve(campaign).resolve(String.valueOf(number)).normalize();
        if (campaign.isEmpty() || !dir.getParent().getParent().equals(base)
                || !dir.getParent().getFileName().toString().equals(campaign)) {
            throw new BadInputException("campaign \"" + campaign + "\": its artifacts would land outside " + base
                    + "; pick another name");
        }
        return dir;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char ch : s.toCharArray()) b.append(ch < 0x20 || ch == 0x7f ? '?' : ch);
        return b.length() > 100 ? b.substring(0, 100) + "…" : b.toString();
    }
}
