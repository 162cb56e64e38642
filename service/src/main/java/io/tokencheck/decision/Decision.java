package io.tokencheck.decision;

import io.tokencheck.reason.DenyReason;

/** The answer for one token and policy: allow with the caller's identity, or deny with a reason. */
public sealed interface Decision {

    /** The policy the decision was made for. */
    String policy();

    /** Allowed. */
    record Allow(String policy, Identity identity) implements Decision {
    }

    /**
     * Denied.
     *
     * @param policy        the policy name
     * @param reason        the stable reason
     * @param requiredScope for insufficient_scope denials, the scope needed (RFC 6750 scope attribute); otherwise null
     * @param fingerprint   a short SHA-256 fingerprint of the token for logs (never the token; hashed when first read),
     *                      or null when there was none
     */
    record Deny(String policy, DenyReason reason, String requiredScope, TokenFingerprint fingerprint) implements Decision {
    }
}
