package io.tokencheck.keys;

/** Why a published key (or a configured secret) was not turned into a verification key. */
public enum SkipReason {
    INVALID_JWK("the JWK is malformed or inconsistent"),
    NOT_FOR_SIGNING("its use is not sig"),
    NO_VERIFY_OPERATION("its key_ops do not include verify"),
    UNSUPPORTED_KEY_TYPE("its key type is not supported"),
    UNSUPPORTED_CURVE("its curve is not supported"),
    SYMMETRIC_IN_JWKS("symmetric keys are never taken from a JWKS"),
    RSA_TOO_SMALL("RSA modulus is shorter than 2048 bits"),
    RSA_TOO_LARGE("RSA modulus is longer than 8192 bits"),
    EC_POINT_NOT_ON_CURVE("EC public point is not on its curve"),
    ED25519_SMALL_ORDER("Ed25519 public key is a point of small order (anyone could forge its signatures)"),
    UNSUPPORTED_ALG("its alg is not supported"),
    ALG_MISMATCH("its alg does not fit its key type"),
    NO_ALLOWED_ALG("none of its algorithms is allowed for the issuer"),
    HMAC_SECRET_TOO_SHORT("HMAC secret is shorter than 32 bytes");

    private final String description;

    SkipReason(String description) {
        this.description = description;
    }

    /** Human description for logs. */
    public String description() {
        return description;
    }
}
