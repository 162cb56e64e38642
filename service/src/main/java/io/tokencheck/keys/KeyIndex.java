package io.tokencheck.keys;

import java.util.HashMap;
import java.util.Map;

/**
 * One loaded key set with every possible lookup answer precomputed, so the per-request lookup is two map/array
 * reads and allocates nothing; plus the times that decide whether it may still be used.
 */
final class KeyIndex {
    static final KeyLookup NOT_FOUND = new KeyLookup.NotFound();
    private static final JwsAlgorithm[] ALGORITHMS = JwsAlgorithm.values();

    private final KeySet keys;
    private final long fetchedAtMillis;
    private final long expiresAtMillis;
    private final long usableUntilMillis;
    private final Map<String, KeyLookup[]> byKid;
    private final KeyLookup[] withoutKid;

    KeyIndex(KeySet keys, long fetchedAtMillis, long expiresAtMillis, long usableUntilMillis) {
        this.keys = keys;
        this.fetchedAtMillis = fetchedAtMillis;
        this.expiresAtMillis = expiresAtMillis;
        this.usableUntilMillis = usableUntilMillis;
        Map<String, KeyLookup[]> index = new HashMap<>();
        for (VerificationKey k : keys.keys()) {
            if (k.kid() != null) {
                index.computeIfAbsent(k.kid(), kid -> answers(keys, kid));
            }
        }
        this.byKid = Map.copyOf(index);
        this.withoutKid = answers(keys, null);
    }

    // KeySet.candidates stays the single source of truth for which keys match; this only memoises it.
    private static KeyLookup[] answers(KeySet keys, String kid) {
        KeyLookup[] row = new KeyLookup[ALGORITHMS.length];
        for (JwsAlgorithm alg : ALGORITHMS) {
            var found = keys.candidates(kid, alg);
            row[alg.ordinal()] = found.isEmpty() ? NOT_FOUND : new KeyLookup.Found(found);
        }
        return row;
    }

    KeyLookup lookup(String kid, JwsAlgorithm alg) {
        KeyLookup[] row = kid == null ? withoutKid : byKid.get(kid);
        return row == null ? NOT_FOUND : row[alg.ordinal()];
    }

    boolean hasKid(String kid) {
        return kid != null && byKid.containsKey(kid);
    }

    boolean usableAt(long nowMillis) {
        return nowMillis <= usableUntilMillis;
    }

    KeySet keys() {
        return keys;
    }

    long fetchedAtMillis() {
        return fetchedAtMillis;
    }

    long expiresAtMillis() {
        return expiresAtMillis;
    }

    long usableUntilMillis() {
        return usableUntilMillis;
    }
}
