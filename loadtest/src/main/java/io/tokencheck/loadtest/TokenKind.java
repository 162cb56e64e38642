package io.tokencheck.loadtest;

import java.util.Locale;

/** The kinds of token in the workload, each with the status tokencheck must answer for it. */
public enum TokenKind {
    /** A valid token from a small pool, sent again and again (verified-token cache hits). */
    CACHED(200),
    /** A valid token sent once (cache misses: a full signature verification every time). */
    UNIQUE(200),
    /** Correctly signed, exp ten minutes ago (beyond the 60 s leeway). */
    EXPIRED(401),
    /** kid names the issuer's RSA key, but another RSA key signed it. */
    BAD_SIGNATURE(401),
    /** Signed by a real key, but its kid is in no published JWKS. */
    UNKNOWN_KID(401),
    /** Valid, but for an audience tokencheck does not serve. */
    WRONG_AUDIENCE(401),
    /** Valid, but without the scope the load-test policy requires. */
    MISSING_SCOPE(403),
    /** Forged: a made-up kid for every request (a fresh token each time), a random signature. */
    RANDOM_KID(401),
    /** Forged: alg none and an empty signature. */
    ALG_NONE(401),
    /** Forged: HS256 keyed with the issuer's RSA public key (PEM text) as the HMAC secret. */
    ALG_CONFUSION(401),
    /** Forged: a correctly signed token longer than limits.max_token_bytes (8192 by default). */
    OVERSIZED(401),
    /** Forged: random base64url characters and dots, not a JWS at all. */
    GARBAGE(401),
    /**
     * Valid in form, but signed by a key its issuer does not publish (any more): minted with a key the kit holds
     * unpublished, or, in the rotation scenario, the tokens of the key that was removed from the JWKS.
     */
    RETIRED_KEY(401);

    private final int expectedStatus;

    TokenKind(int expectedStatus) {
        this.expectedStatus = expectedStatus;
    }

    /** True for the kinds whose every request sends a token never sent before (unique, random_kid). */
    public boolean fresh() {
        return this == UNIQUE || this == RANDOM_KID;
    }

    /** The HTTP status /check must answer for this kind. */
    public int expectedStatus() {
        return expectedStatus;
    }

    /** The name used on the command line and in token files, e.g. {@code bad_signature}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind with this id. */
    public static TokenKind fromId(String id) {
        for (TokenKind k : values()) {
            if (k.id().equals(id)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown token kind \"" + id + "\" (one of " + ids() + ")");
    }

    /** All ids, comma-separated. */
    public static String ids() {
        StringBuilder sb = new StringBuilder();
        for (TokenKind k : values()) {
            sb.append(sb.isEmpty() ? "" : ", ").append(k.id());
        }
        return sb.toString();
    }
}
