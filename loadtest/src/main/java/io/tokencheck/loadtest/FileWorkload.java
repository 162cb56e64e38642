package io.tokencheck.loadtest;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Tokens from a token file written by mint; its unique tokens are used in order and wrap around when used up. */
public final class FileWorkload implements Workload {
    private final Map<TokenKind, List<String>> byKind = new EnumMap<>(TokenKind.class);
    private int uniqueCursor;

    /** Reads the tokens of the file. */
    public FileWorkload(TokenFile file) {
        for (TokenKind k : TokenKind.values()) {
            List<String> tokens = file.tokens().stream().filter(t -> t.kind() == k).map(TokenFile.Entry::token)
                    .distinct().toList();
            if (!tokens.isEmpty()) {
                byKind.put(k, tokens);
            }
        }
    }

    @Override
    public Plan plan(Mix mix, int count, Random random) {
        for (TokenKind k : TokenKind.values()) {
            if (mix.weight(k) > 0 && !byKind.containsKey(k)) {
                throw new IllegalArgumentException("the token file has no " + k.id() + " tokens; mint it with that kind in --mix");
            }
        }
        TokenKind[] kinds = new TokenKind[count];
        String[] tokens = new String[count];
        int reused = 0;
        for (int i = 0; i < count; i++) {
            TokenKind k = mix.draw(random);
            List<String> pool = byKind.get(k);
            kinds[i] = k;
            if (k == TokenKind.UNIQUE) {
                if (uniqueCursor >= pool.size()) {
                    reused++;
                }
                tokens[i] = pool.get(uniqueCursor++ % pool.size());
            } else {
                tokens[i] = pool.get(random.nextInt(pool.size()));
            }
        }
        return new Plan(kinds, tokens, reused);
    }
}
