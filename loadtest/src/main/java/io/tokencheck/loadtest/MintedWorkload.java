package io.tokencheck.loadtest;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Tokens minted by this process: small pools per kind, and fresh tokens (unique, random_kid) for every plan. */
public final class MintedWorkload implements Workload {
    /** How many distinct tokens each pooled kind cycles through. */
    static final int POOL_SIZE = 16;

    private final TokenMinter minter;
    private final Map<TokenKind, List<String>> pools = new EnumMap<>(TokenKind.class);

    /** Mints with this minter. */
    public MintedWorkload(TokenMinter minter) {
        this.minter = minter;
    }

    @Override
    public Plan plan(Mix mix, int count, Random random) {
        TokenKind[] kinds = new TokenKind[count];
        Map<TokenKind, Integer> freshCounts = new EnumMap<>(TokenKind.class);
        for (int i = 0; i < count; i++) {
            kinds[i] = mix.draw(random);
            if (kinds[i].fresh()) {
                freshCounts.merge(kinds[i], 1, Integer::sum);
            }
        }
        Map<TokenKind, Iterator<String>> fresh = new EnumMap<>(TokenKind.class);
        freshCounts.forEach((k, n) -> fresh.put(k, minter.mint(k, n).iterator()));
        String[] tokens = new String[count];
        for (int i = 0; i < count; i++) {
            tokens[i] = kinds[i].fresh() ? fresh.get(kinds[i]).next() : pick(pool(kinds[i]), random);
        }
        return new Plan(kinds, tokens, 0);
    }

    private List<String> pool(TokenKind kind) {
        return pools.computeIfAbsent(kind, k -> new ArrayList<>(minter.mint(k, POOL_SIZE)));
    }

    private static String pick(List<String> pool, Random random) {
        return pool.get(random.nextInt(pool.size()));
    }
}
