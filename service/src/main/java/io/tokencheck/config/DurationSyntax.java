package io.tokencheck.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Duration text as operators write it: "250ms", "30s", "5m", "1h", "2d", ISO-8601 "PT30S", or bare seconds. */
final class DurationSyntax {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,18})(ms|s|m|h|d)?");

    private DurationSyntax() {
    }

    /** The duration, or null when the text is not one (negative values included: they are not durations here). */
    static Duration parse(String text) {
        try {
            if (text.startsWith("P") || text.startsWith("p")) {
                return Duration.parse(text);
            }
            Matcher m = SHORT.matcher(text);
            if (!m.matches()) {
                return null;
            }
            long amount = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        } catch (DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }

    /** The shortest form of {@link #parse} that reads back to the same duration, e.g. "90s", "5m", "24h". */
    static String format(Duration d) {
        if (d.isZero() || d.isNegative() || d.getNano() % 1_000_000 != 0) {
            return d.toString();
        }
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
