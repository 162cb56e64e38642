package io.tokencheck.parse;

import io.tokencheck.reason.DenyReason;

/**
 * A parse failure raised deep inside a reader and turned back into a {@link ParseFailure} by {@link JwsParser}.
 * Hostile tokens are normal traffic, so it records no stack trace and no suppressed exceptions.
 */
final class Rejection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ParseFailure failure;

    Rejection(DenyReason reason, String detail) {
        super(detail, null, false, false);
        this.failure = new ParseFailure(reason, detail);
    }

    /** A syntax-level rejection. */
    static Rejection malformed(String detail) {
        return new Rejection(DenyReason.TOKEN_MALFORMED, detail);
    }

    ParseFailure failure() {
        return failure;
    }
}
