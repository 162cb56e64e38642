package io.tokencheck.loadtest;

import java.util.Arrays;
import java.util.Random;

/** The requests of one run, decided before it starts: request i sends tokens[i], a token of kinds[i]. */
public record Plan(TokenKind[] kinds, String[] tokens, int reusedUnique) {
    public Plan {
        if (kinds.length != tokens.length) {
            throw new IllegalArgumentException("kinds and tokens differ in length");
        }
    }

    /** The number of requests. */
    public int size() {
        return kinds.length;
    }

    /**
     * The same tokens, every one of this kind now (and so expected to get its status): a plan's valid tokens become
     * retired_key tokens once their key has left the JWKS.
     */
    public Plan as(TokenKind kind) {
        TokenKind[] k = new TokenKind[kinds.length];
        Arrays.fill(k, kind);
        return new Plan(k, tokens, reusedUnique);
    }

    /** Both plans' requests in one, each plan's order kept, merged at random in proportion to their sizes. */
    public static Plan interleave(Plan a, Plan b, Random random) {
        int n = a.size() + b.size();
        TokenKind[] kinds = new TokenKind[n];
        String[] tokens = new String[n];
        int i = 0;
        int j = 0;
        for (int out = 0; out < n; out++) {
            boolean fromA = j == b.size() || (i < a.size() && random.nextInt(n - out) < a.size() - i);
            kinds[out] = fromA ? a.kinds[i] : b.kinds[j];
            tokens[out] = fromA ? a.tokens[i++] : b.tokens[j++];
        }
        return new Plan(kinds, tokens, a.reusedUnique + b.reusedUnique);
    }
}
