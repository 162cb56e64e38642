package io.tokencheck.keys;

/** Resolves an issuer's keys for a token's kid and alg; implemented by the JWKS cache, and by fixed key sets in tests and benchmarks. */
@FunctionalInterface
public interface KeyResolver {
    /** The keys that may verify a token with this kid (may be null) and alg. */
    KeyLookup lookup(String kid, JwsAlgorithm alg);

    /** A resolver over a fixed key set. */
    static KeyResolver of(KeySet keys) {
        return (kid, alg) -> {
            var found = keys.candidates(kid, alg);
            return found.isEmpty() ? new KeyLookup.NotFound() : new KeyLookup.Found(found);
        };
    }
}
