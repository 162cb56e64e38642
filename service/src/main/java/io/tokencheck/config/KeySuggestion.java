package io.tokencheck.config;

import java.util.Collection;
import java.util.Locale;

/** Finds the known key an unknown one was probably meant to be ("audence" -> "audiences", "maxTtl" -> "max_ttl"). */
final class KeySuggestion {

    private KeySuggestion() {
    }

    /** The closest known key, or null when none is close enough to be a likely typo. */
    static String closest(String unknown, Collection<String> known) {
        String wanted = normalized(unknown);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(wanted, normalized(candidate));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        int allowed = Math.max(2, wanted.length() / 4);
        return bestDistance <= allowed ? best : null;
    }

    // camelCase, kebab-case and upper case all map onto the schema's snake_case.
    private static String normalized(String key) {
        return key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('-', '_').toLowerCase(Locale.ROOT);
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
