package io.tokencheck.loadtest;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

/** Proportions of each token kind in the workload, e.g. {@code cached=80,unique=10,expired=2}. */
public record Mix(Map<TokenKind, Integer> weights) {
    /** The default mix: mostly cache hits, some misses, and every kind of rejection. */
    public static final String DEFAULT = "cached=70,unique=10,expired=4,bad_signature=4,unknown_kid=4,wrong_audience=4,missing_scope=4";

    public Mix {
        weights = Map.copyOf(weights);
        if (weights.values().stream().mapToInt(Integer::intValue).sum() <= 0) {
            throw new IllegalArgumentException("the mix needs at least one kind with a weight above 0");
        }
    }

    /** Parses {@code kind=weight,...}; kinds left out get weight 0. */
    public static Mix parse(String text) {
        Map<TokenKind, Integer> w = new EnumMap<>(TokenKind.class);
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("mix entry \"" + p + "\" is not kind=weight");
            }
            TokenKind kind = TokenKind.fromId(p.substring(0, eq).trim());
            int weight;
            try {
                weight = Integer.parseInt(p.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("mix weight of " + kind.id() + " is not a whole number");
            }
            if (weight < 0 || w.put(kind, weight) != null) {
                throw new IllegalArgumentException("mix weight of " + kind.id() + " is negative or given twice");
            }
        }
        return new Mix(w);
    }

    /** The weight of a kind (0 when absent). */
    public int weight(TokenKind kind) {
        return weights.getOrDefault(kind, 0);
    }

    /** The fraction of requests of this kind. */
    public double fraction(TokenKind kind) {
        return (double) weight(kind) / total();
    }

    private int total() {
        return weights.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Draws a kind with the mix's probabilities. */
    public TokenKind draw(Random random) {
        int r = random.nextInt(total());
        for (TokenKind k : TokenKind.values()) {
            r -= weight(k);
            if (r < 0) {
                return k;
            }
        }
        throw new AssertionError("weights sum changed");
    }

    /** The same mix with unique tokens replaced by cached ones (used for warm-up, which needs no fresh tokens). */
    public Mix withoutUnique() {
        Map<TokenKind, Integer> w = new EnumMap<>(weights);
        Integer u = w.remove(TokenKind.UNIQUE);
        if (u != null) {
            w.merge(TokenKind.CACHED, u, Integer::sum);
        }
        return new Mix(w);
    }

    /** Only the kinds that must be allowed (cached and unique here); cached alone if there are none. */
    public Mix allowedOnly() {
        Map<TokenKind, Integer> w = new EnumMap<>(TokenKind.class);
        weights.forEach((k, v) -> {
            if (k.expectedStatus() == 200 && v > 0) {
                w.put(k, v);
            }
        });
        return w.isEmpty() ? new Mix(Map.of(TokenKind.CACHED, 1)) : new Mix(w);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (TokenKind k : TokenKind.values()) {
            if (weight(k) > 0) {
                sb.append(sb.isEmpty() ? "" : ",").append(k.id()).append('=').append(weight(k));
            }
        }
        return sb.toString();
    }
}
