package io.tokencheck.http;

/** Which claim values may be copied into a response header. */
final class HeaderValue {
    private HeaderValue() {
    }

    /** Visible ASCII and spaces only: no control characters (header injection) and nothing a proxy might re-encode. */
    static boolean isSafe(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
