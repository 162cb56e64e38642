package io.tokencheck.bench;

import io.micrometer.core.instrument.MeterRegistry;
import io.tokencheck.decision.Decision;
import io.tokencheck.decision.TokenChecker;
import io.tokencheck.parse.JwsParser;
import io.tokencheck.parse.ParseResult;
import io.tokencheck.parse.ParsedToken;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/** tokencheck itself: parsing, a decision on a token never seen before, and a decision on a repeated token. */
public class TokencheckBenchmark extends BenchmarkRunSettings {
    @Param({"RS256", "PS256", "ES256", "EdDSA", "HS256"})
    public String alg;

    private JwsParser parser;
    private TokenChecker coldChecker;
    private TokenChecker cachedChecker;
    private String[] pool;
    private int next;
    private String repeated;
    private final MeterRegistry coldRegistry = CheckerSetup.registry();
    private final MeterRegistry cachedRegistry = CheckerSetup.registry();

    @Setup(Level.Trial)
    public void setUp() {
        AccessTokens tokens = AccessTokens.generate();
        List<String> minted = tokens.pool(AccessTokens.algorithm(alg), AccessTokens.COLD_POOL_SIZE);
        pool = minted.toArray(new String[0]);
        repeated = tokens.mint(AccessTokens.algorithm(alg));
        parser = CheckerSetup.parser();
        coldChecker = CheckerSetup.coldChecker(tokens, coldRegistry);
        cachedChecker = CheckerSetup.cachedChecker(tokens, cachedRegistry);
        requireAllowed(coldChecker.check(pool[0], CheckerSetup.POLICY));
        requireAllowed(cachedChecker.check(repeated, CheckerSetup.POLICY));
        for (Map.Entry<String, String> e : tokens.invalid(AccessTokens.algorithm(alg)).entrySet()) {
            if (coldChecker.check(e.getValue(), CheckerSetup.POLICY) instanceof Decision.Allow) {
                throw new IllegalStateException("tokencheck allows a token with " + e.getKey());
            }
        }
        if (!(parser.parse(repeated) instanceof ParsedToken)) {
            throw new IllegalStateException("the benchmark token does not parse");
        }
    }

    /** Header and the claims the decision needs; no signature work. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public ParseResult parse() {
        return parser.parse(repeated);
    }

    /** The full decision for a token not seen before (a cache cannot hit: the pool is larger than the cold checker's cache). */
    @Benchmark
    public Decision coldDecision() {
        String token = pool[next];
        next = next + 1 == pool.length ? 0 : next + 1;
        return coldChecker.check(token, CheckerSetup.POLICY);
    }

    /** The full decision for the same token again and again: a verified-token cache hit. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public Decision cachedDecision() {
        return cachedChecker.check(repeated, CheckerSetup.POLICY);
    }

    /** Shows that cold decisions missed the cache and repeated ones hit it. */
    @TearDown(Level.Trial)
    public void reportCacheHits(BenchmarkParams params) {
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        MeterRegistry registry = switch (method) {
            case "coldDecision" -> coldRegistry;
            case "cachedDecision" -> cachedRegistry;
            default -> null;
        };
        if (registry != null) {
            System.out.println();
            System.out.println("# verified-token cache hits/lookups in " + method + " " + alg + ": "
                    + CheckerSetup.cacheHits(registry));
        }
    }

    static void requireAllowed(Decision d) {
        if (!(d instanceof Decision.Allow)) {
            throw new IllegalStateException("the benchmark token is not allowed: " + d);
        }
    }
}
