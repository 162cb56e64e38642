package io.tokencheck.bench;

import java.util.Map;

/** One peer verifier and the token pool it cycles through; set-up checks that the peer accepts the tokens. */
final class PeerPool {
    private PeerVerifier verifier;
    private String[] pool;
    private int next;

    void set(String name, PeerVerifier verifier, String[] pool, Map<String, String> invalid) throws Exception {
        this.verifier = verifier;
        this.pool = pool;
        for (String token : new String[] {pool[0], pool[pool.length - 1]}) {
            if (verifier.verify(token) == null) {
                throw new IllegalStateException(name + " rejects a valid benchmark token");
            }
        }
        for (Map.Entry<String, String> e : invalid.entrySet()) {
            if (accepts(verifier, e.getValue())) {
                throw new IllegalStateException(name + " accepts a token with " + e.getKey() + ": not the same checks");
            }
        }
    }

    private static boolean accepts(PeerVerifier verifier, String token) {
        try {
            return verifier.verify(token) != null;
        } catch (Exception rejected) {
            return false;
        }
    }

    String verifyNext() throws Exception {
        String token = pool[next];
        next = next + 1 == pool.length ? 0 : next + 1;
        return verifier.verify(token);
    }
}
