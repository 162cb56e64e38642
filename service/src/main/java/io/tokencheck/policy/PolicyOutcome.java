package io.tokencheck.policy;

import io.tokencheck.reason.DenyReason;

/** The outcome of one policy rule: pass, or fail with a reason. */
public sealed interface PolicyOutcome {
    /** The shared pass outcome (rules allocate nothing when a token passes). */
    PolicyOutcome PASS = new Pass();

    /** The token satisfies the rule. */
    record Pass() implements PolicyOutcome {
    }

    /**
     * The token fails the rule.
     *
     * @param reason        why
     * @param requiredScope for scope failures, the scope value for the RFC 6750 challenge; otherwise null
     */
    record Fail(DenyReason reason, String requiredScope) implements PolicyOutcome {
        public Fail(DenyReason reason) {
            this(reason, null);
        }
    }
}
