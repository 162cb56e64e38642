package io.tokencheck.keys;

/**
 * A key that was left out of a key set.
 *
 * @param kid    its kid, or null when it has none
 * @param reason why it was left out
 * @param detail a short safe detail (e.g. the offending alg or curve); never key material
 */
public record SkippedKey(String kid, SkipReason reason, String detail) {
    /** One line for the log. */
    public String describe() {
        return "kid=" + (kid == null ? "(none)" : kid) + ": " + reason.description()
                + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
