package io.tokencheck.parse;

import java.util.Set;

/**
 * What the parser is told once, up front: the size limit, which payload claims to read besides the registered ones,
 * and the configured issuers.
 *
 * @param maxTokenBytes longest accepted token, checked before any decoding
 * @param namedClaims   extra payload claims to materialise (scope claims, policy claims, header mappings); all others are skipped
 * @param issuers       the trusted iss values: a token naming one gets that String as its iss instead of a new one
 *                      (only saves allocation; any other iss is read as it is)
 */
public record ParseOptions(int maxTokenBytes, Set<String> namedClaims, Set<String> issuers) {
    public ParseOptions {
        namedClaims = Set.copyOf(namedClaims);
        issuers = Set.copyOf(issuers);
    }

    /** Options without known issuers. */
    public ParseOptions(int maxTokenBytes, Set<String> namedClaims) {
        this(maxTokenBytes, namedClaims, Set.of());
    }
}
