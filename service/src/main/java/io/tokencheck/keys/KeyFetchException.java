package io.tokencheck.keys;

/** A key or discovery fetch failed; the message is safe to log (no secrets, no response bodies). */
final class KeyFetchException extends Exception {
    KeyFetchException(String message) {
        super(message, null, false, false);
    }
}
