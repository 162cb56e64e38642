package io.tokencheck.policy;

/** One check, compiled once from configuration; the hot path only runs the list of them. */
@FunctionalInterface
public interface ClaimRule {
    /** Checks the token; returns {@link PolicyOutcome#PASS} or a failure. */
    PolicyOutcome check(TokenFacts facts);
}
