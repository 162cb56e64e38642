package io.tokencheck.reason;

/** Every reason a token can be denied for: a stable machine-readable code, its RFC 6750 error and HTTP status. */
public enum DenyReason {
    TOKEN_MISSING("token_missing", BearerError.NONE, "no bearer token in the request"),
    REQUEST_INVALID("request_invalid", BearerError.INVALID_REQUEST, "the request is ambiguous or invalid: its token (several, or in header and query) or its forwarded method or path (missing, repeated or refused)"),
    TOKEN_TOO_LARGE("token_too_large", BearerError.INVALID_TOKEN, "token is larger than the configured limit"),
    TOKEN_MALFORMED("token_malformed", BearerError.INVALID_TOKEN, "token is not a well-formed compact JWS"),
    HEADER_UNSUPPORTED("header_unsupported", BearerError.INVALID_TOKEN, "token header uses a critical or unsupported feature"),
    ALG_NOT_ALLOWED("alg_not_allowed", BearerError.INVALID_TOKEN, "signing algorithm is not allowed"),
    TYPE_MISMATCH("type_mismatch", BearerError.INVALID_TOKEN, "token type (typ) is not the one required"),
    ISSUER_NOT_TRUSTED("issuer_not_trusted", BearerError.INVALID_TOKEN, "issuer is missing or not trusted"),
    KEY_NOT_FOUND("key_not_found", BearerError.INVALID_TOKEN, "no key of the issuer matches the token's kid and alg"),
    JWKS_UNAVAILABLE("jwks_unavailable", BearerError.INVALID_TOKEN, "the issuer's keys are not available"),
    SIGNATURE_INVALID("signature_invalid", BearerError.INVALID_TOKEN, "signature does not verify"),
    CLAIM_INVALID("claim_invalid", BearerError.INVALID_TOKEN, "a claim has the wrong type or an invalid value"),
    TOKEN_EXPIRED("token_expired", BearerError.INVALID_TOKEN, "token has expired"),
    EXP_MISSING("exp_missing", BearerError.INVALID_TOKEN, "token has no exp claim"),
    TOKEN_NOT_YET_VALID("token_not_yet_valid", BearerError.INVALID_TOKEN, "token is not valid yet (nbf or iat in the future)"),
    AUDIENCE_MISMATCH("audience_mismatch", BearerError.INVALID_TOKEN, "token audience is not accepted"),
    CLAIM_MISSING("claim_missing", BearerError.INVALID_TOKEN, "a required claim is missing"),
    CLAIM_MISMATCH("claim_mismatch", BearerError.INSUFFICIENT_SCOPE, "a required claim value does not match"),
    SCOPE_INSUFFICIENT("scope_insufficient", BearerError.INSUFFICIENT_SCOPE, "token lacks a required scope"),
    POLICY_NOT_FOUND("policy_not_found", BearerError.INVALID_REQUEST, "no such policy"),
    INTERNAL_ERROR("internal_error", BearerError.INVALID_TOKEN, "the token could not be verified");

    private final String code;
    private final BearerError error;
    private final String description;

    DenyReason(String code, BearerError error, String description) {
        this.code = code;
        this.error = error;
        this.description = description;
    }

    /** Stable machine-readable code, as documented in the README. */
    public String code() {
        return code;
    }

    /** The RFC 6750 error this reason maps to. */
    public BearerError error() {
        return error;
    }

    /**
     * True when the deny says nothing about the token: the identity provider's keys could not be had. /check answers
     * it with its own status (default 503) so that operators can tell an outage from bad tokens.
     */
    public boolean providerDown() {
        return this == JWKS_UNAVAILABLE;
    }

    /** Short human description, safe to return to clients (never contains token data). */
    public String description() {
        return description;
    }
}
