package io.tokencheck.parse;

import java.util.Set;

/**
 * What the parser is told once, up front: the size limit and which payload claims to read besides the registered ones.
 *
 * @param maxTokenBytes longest accepted token, checked before any decoding
 * @param namedClaims   extra payload claims to materialise (scope claims, policy claims, header mappings); all others are skipped
 */
public record ParseOptions(int maxTokenBytes, Set<String> namedClaims) {
    public ParseOptions {
        namedClaims = Set.copyOf(namedClaims);
    }
}
