package io.tokencheck.keys;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An immutable set of verification keys of one issuer, indexed by kid. */
public final class KeySet {
    private static final KeySet EMPTY = new KeySet(List.of());

    private final List<VerificationKey> keys;
    private final Map<String, List<VerificationKey>> byKid;

    private KeySet(List<VerificationKey> keys) {
        this.keys = List.copyOf(keys);
        Map<String, List<VerificationKey>> index = new HashMap<>();
        for (VerificationKey k : this.keys) {
            if (k.kid() != null) {
                index.computeIfAbsent(k.kid(), x -> new ArrayList<>()).add(k);
            }
        }
        index.replaceAll((kid, list) -> List.copyOf(list));
        this.byKid = Map.copyOf(index);
    }

    /** A key set holding these keys. */
    public static KeySet of(List<VerificationKey> keys) {
        return keys.isEmpty() ? EMPTY : new KeySet(keys);
    }

    /** The empty key set. */
    public static KeySet empty() {
        return EMPTY;
    }

    /**
     * Keys that may verify a token with this kid and alg. With a kid: the keys of that kid which allow alg.
     * Without a kid: the single key that allows alg, or nothing when there is none or more than one
     * (trying several keys for a kid-less token would let an attacker pick among them).
     */
    public List<VerificationKey> candidates(String kid, JwsAlgorithm alg) {
        if (kid != null) {
            List<VerificationKey> withKid = byKid.get(kid);
            if (withKid == null) {
                return List.of();
            }
            if (withKid.size() == 1) {
                return withKid.get(0).allows(alg) ? withKid : List.of();
            }
            return withKid.stream().filter(k -> k.allows(alg)).toList();
        }
        VerificationKey only = null;
        for (VerificationKey k : keys) {
            if (k.allows(alg)) {
                if (only != null) {
                    return List.of();
                }
                only = k;
            }
        }
        return only == null ? List.of() : List.of(only);
    }

    /** True when a key with this kid exists, whatever its algorithms. */
    public boolean hasKid(String kid) {
        return kid != null && byKid.containsKey(kid);
    }

    /** All keys. */
    public List<VerificationKey> keys() {
        return keys;
    }

    /** Number of keys. */
    public int size() {
        return keys.size();
    }

    /** True when there are no keys. */
    public boolean isEmpty() {
        return keys.isEmpty();
    }
}
