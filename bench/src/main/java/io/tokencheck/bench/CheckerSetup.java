package io.tokencheck.bench;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tokencheck.config.IssuerSettings;
import io.tokencheck.config.KeySourceSettings;
import io.tokencheck.config.LimitSettings;
import io.tokencheck.config.PolicySettings;
import io.tokencheck.config.ServerSettings;
import io.tokencheck.config.TokenCacheSettings;
import io.tokencheck.config.TokencheckConfig;
import io.tokencheck.decision.DecisionMetrics;
import io.tokencheck.decision.TokenChecker;
import io.tokencheck.issuerkit.IssuerKit;
import io.tokencheck.keys.HmacSecretConverter;
import io.tokencheck.keys.JwkConverter;
import io.tokencheck.keys.JwsAlgorithm;
import io.tokencheck.keys.KeyResolver;
import io.tokencheck.keys.KeySet;
import io.tokencheck.keys.VerificationKey;
import io.tokencheck.parse.JwsParser;
import io.tokencheck.parse.ParseOptions;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * tokencheck as the service wires it (fromConfig, Prometheus metrics), minus HTTP and the JWKS fetcher:
 * one issuer with the kit's published keys and HMAC secret, and the policy every library is held to
 * (issuer, audience, exp/nbf with 60 s leeway, the scope orders:read).
 */
public final class CheckerSetup {
    /** The policy name the benchmarks check against. */
    public static final String POLICY = "orders-read";

    private CheckerSetup() {
    }

    /** Capacity of the cold checker's cache, in token characters: about ten tokens, far fewer than the pool. */
    static final long COLD_CACHE_CHARS = 8 * 1024;

    /**
     * The checker for cold decisions: the verified-token cache is on (so a miss pays its lookup and insert) but
     * holds about ten tokens of the hundreds the benchmark cycles through, so that almost no token is found.
     */
    public static TokenChecker coldChecker(AccessTokens tokens, MeterRegistry registry) {
        return checker(tokens, new TokenCacheSettings(COLD_CACHE_CHARS), registry);
    }

    /** The checker for repeated tokens: the service's defaults, verified-token cache included. */
    public static TokenChecker cachedChecker(AccessTokens tokens, MeterRegistry registry) {
        return checker(tokens, TokenCacheSettings.DEFAULT, registry);
    }

    /** A meter registry like the service's. */
    public static MeterRegistry registry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    /** Verified-token cache hits and misses counted in this registry, as "hits/lookups". */
    public static String cacheHits(MeterRegistry registry) {
        double hits = cacheGets(registry, "hit");
        return (long) hits + "/" + (long) (hits + cacheGets(registry, "miss"));
    }

    private static double cacheGets(MeterRegistry registry, String result) {
        FunctionCounter c = registry.find("cache.gets").tag("cache", "tokencheck.token.cache").tag("result", result).functionCounter();
        return c == null ? 0 : c.count();
    }

    private static TokenChecker checker(AccessTokens tokens, TokenCacheSettings cache, MeterRegistry registry) {
        TokencheckConfig config = config(cache);
        KeyResolver keys = KeyResolver.of(keySet(tokens.kit()));
        return TokenChecker.fromConfig(config, issuer -> keys, Clock.systemUTC(), new DecisionMetrics(registry));
    }

    /** The parser exactly as the checker configures it (the scope claims are the only named claims here). */
    public static JwsParser parser() {
        TokencheckConfig config = config(TokenCacheSettings.DEFAULT);
        return new JwsParser(new ParseOptions(config.limits().maxTokenBytes(), Set.copyOf(issuer().scopeClaims()),
                Set.of(AccessTokens.ISSUER)));
    }

    private static TokencheckConfig config(TokenCacheSettings cache) {
        PolicySettings policy = new PolicySettings(POLICY, List.of(), List.of(), List.of(AccessTokens.REQUIRED_SCOPE),
                List.of(), Map.of());
        return new TokencheckConfig(new ServerSettings("127.0.0.1", 0), new LimitSettings(8192, 65536), null,
                List.of(issuer()), Map.of(POLICY, policy), POLICY, Map.of(), cache);
    }

    private static IssuerSettings issuer() {
        return new IssuerSettings("corporate", AccessTokens.ISSUER,
                new KeySourceSettings.JwksUri(URI.create(AccessTokens.ISSUER + "/jwks.json")),
                List.of(AccessTokens.AUDIENCE), Set.of(JwsAlgorithm.values()), Duration.ofSeconds(AccessTokens.LEEWAY_SECONDS),
                List.of("scope", "scp"), List.of(), true, null);
    }

    /** The kit's published keys converted as a JWKS refresh would, plus its HMAC secret. */
    private static KeySet keySet(IssuerKit kit) {
        try {
            List<VerificationKey> all = new ArrayList<>(
                    new JwkConverter("corporate", Set.of()).convert(kit.publicJwksJson()).keys().keys());
            all.addAll(HmacSecretConverter.convert("corporate",
                    List.of(new KeySourceSettings.HmacSecret(IssuerKit.HMAC_KID, kit.hmacSecret())),
                    JwsAlgorithm.hmacSet(), skipped -> { }).keys().keys());
            return KeySet.of(all);
        } catch (java.text.ParseException e) {
            throw new IllegalStateException("the kit's own JWKS does not convert", e);
        }
    }
}
