package io.tokencheck.loadtest;

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
}
