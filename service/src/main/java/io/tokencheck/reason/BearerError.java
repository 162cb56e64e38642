package io.tokencheck.reason;

/** RFC 6750 section 3.1 error codes, with the HTTP status each one is answered with. */
public enum BearerError {
    /** No credentials at all: the challenge carries no error code (RFC 6750 3.1). */
    NONE(null, 401),
    /** Answered 401 rather than 400 so that forward-auth gateways treat it as a deny, not an error. */
    INVALID_REQUEST("invalid_request", 401),
    INVALID_TOKEN("invalid_token", 401),
    INSUFFICIENT_SCOPE("insufficient_scope", 403);

    private final String code;
    private final int status;

    BearerError(String code, int status) {
        this.code = code;
        this.status = status;
    }

    /** The error code as written in WWW-Authenticate, or null for {@link #NONE}. */
    public String code() {
        return code;
    }

    /** HTTP status for /check. */
    public int status() {
        return status;
    }
}
