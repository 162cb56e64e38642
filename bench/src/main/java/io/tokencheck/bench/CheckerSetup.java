package io.tokencheck.bench;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tokencheck.config.IssuerSettings;
import io.tokencheck.config.KeySourceSettings;
import io.tokencheck.config.LimitSettings;
import io.tokencheck.config.PolicySettings;
import io.tokencheck.config.ServerSettings;
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

    /**
     * The checker for cold decisions. No verified-token cache exists yet in tokencheck, so this is the plain checker.
     */
    public static TokenChecker coldChecker(AccessTokens tokens) {
        return checker(tokens);
    }

    /**
     * The checker for repeated tokens: the service's own wiring. No verified-token cache exists yet, so a repeated
     * token is verified in full each time.
     */
    public static TokenChecker cachedChecker(AccessTokens tokens) {
        return checker(tokens);
    }

    private static TokenChecker checker(AccessTokens tokens) {
        TokencheckConfig config = config();
        KeyResolver keys = KeyResolver.of(keySet(tokens.kit()));
        DecisionMetrics metrics = new DecisionMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        return TokenChecker.fromConfig(config, issuer -> keys, Clock.systemUTC(), metrics);
    }

    /** The parser exactly as the checker configures it (the scope claims are the only named claims here). */
    public static JwsParser parser() {
        TokencheckConfig config = config();
        return new JwsParser(new ParseOptions(config.limits().maxTokenBytes(), Set.copyOf(issuer().scopeClaims())));
    }

    private static TokencheckConfig config() {
        PolicySettings policy = new PolicySettings(POLICY, List.of(), List.of(), List.of(AccessTokens.REQUIRED_SCOPE),
                List.of(), Map.of());
        return new TokencheckConfig(new ServerSettings("127.0.0.1", 0), new LimitSettings(8192, 65536), null,
                List.of(issuer()), Map.of(POLICY, policy), POLICY, Map.of());
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
