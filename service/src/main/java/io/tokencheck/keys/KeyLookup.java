package io.tokencheck.keys;

import java.util.List;

/** The outcome of looking up an issuer's keys for a token's kid and alg. */
public sealed interface KeyLookup {

    /** Keys that may verify the token (at least one). */
    record Found(List<VerificationKey> keys) implements KeyLookup {
    }

    /** Keys are loaded, but none matches the kid and alg. */
    record NotFound() implements KeyLookup {
    }

    /** The issuer has no usable keys (never fetched, or the last good keys are too stale). */
    record Unavailable() implements KeyLookup {
    }
}
