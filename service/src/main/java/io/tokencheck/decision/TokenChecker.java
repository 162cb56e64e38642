package io.tokencheck.decision;

import io.tokencheck.config.IssuerSettings;
import io.tokencheck.config.PolicySettings;
import io.tokencheck.config.TokencheckConfig;
import io.tokencheck.keys.JwsAlgorithm;
import io.tokencheck.keys.KeyResolver;
import io.tokencheck.keys.KeyLookup;
import io.tokencheck.keys.VerificationKey;
import io.tokencheck.parse.ClaimValue;
import io.tokencheck.parse.JwsParser;
import io.tokencheck.parse.ParseOptions;
import io.tokencheck.parse.ParseFailure;
import io.tokencheck.parse.ParseResult;
import io.tokencheck.parse.ParsedToken;
import io.tokencheck.parse.TokenClaims;
import io.tokencheck.policy.PolicyOutcome;
import io.tokencheck.policy.RoutePolicy;
import io.tokencheck.policy.TokenFacts;
import io.tokencheck.reason.DenyReason;
import io.tokencheck.verify.SignatureVerifier;
import io.tokencheck.verify.SigningInput;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The verification core: token string and policy name in, {@link Decision} out. Never throws for a bad token.
 * Order: parse, algorithm, issuer, keys, signature, then the issuer's claim rules and the route policy.
 */
public final class TokenChecker {
    private static final Logger LOG = Logger.getLogger(TokenChecker.class.getName());

    private final JwsParser parser;
    private final Map<String, TrustedIssuer> issuersByIss;
    private final Map<String, RoutePolicy> policies;
    private final String defaultPolicy;
    private final Map<String, String> claimHeaders;
    private final SignatureVerifier verifier = new SignatureVerifier();
    private final Clock clock;
    private final DecisionMetrics metrics;
    private final VerifiedTokenCache cache;

    /**
     * @param parser        the parser, told which claims to read
     * @param issuers       trusted issuers
     * @param policies      compiled policies by name
     * @param defaultPolicy name of the policy used when none is named
     * @param claimHeaders  response header name to claim name
     * @param clock         the verification clock
     * @param metrics       where decisions are counted (may be null)
     * @param cacheChars    capacity of the verified-token cache in token characters; 0 for no cache
     */
    public TokenChecker(JwsParser parser, List<TrustedIssuer> issuers, Map<String, RoutePolicy> policies,
                        String defaultPolicy, Map<String, String> claimHeaders, Clock clock, DecisionMetrics metrics,
                        long cacheChars) {
        this.parser = parser;
        Map<String, TrustedIssuer> byIss = new HashMap<>();
        for (TrustedIssuer i : issuers) {
            byIss.put(i.issuer(), i);
        }
        this.issuersByIss = Map.copyOf(byIss);
        this.policies = Map.copyOf(policies);
        this.defaultPolicy = defaultPolicy;
        this.claimHeaders = Map.copyOf(claimHeaders);
        this.clock = clock;
        this.metrics = metrics;
        this.cache = cacheChars > 0
                ? new VerifiedTokenCache(cacheChars, clock, metrics == null ? null : metrics.registry()) : null;
    }

    /**
     * Assembles a checker from configuration: compiles every policy and issuer once, and tells the parser
     * exactly which claims to read (scope claims, policy claims, header mappings, required claims).
     */
    public static TokenChecker fromConfig(TokencheckConfig config, Function<IssuerSettings, KeyResolver> keys,
                                          Clock clock, DecisionMetrics metrics) {
        Set<String> named = new HashSet<>(config.claimHeaders().values());
        List<TrustedIssuer> issuers = new ArrayList<>();
        for (IssuerSettings i : config.issuers()) {
            issuers.add(TrustedIssuer.of(i, keys.apply(i)));
            named.addAll(i.scopeClaims());
            named.addAll(i.requiredClaims());
        }
        Map<String, RoutePolicy> policies = new HashMap<>();
        for (PolicySettings p : config.policies().values()) {
            policies.put(p.name(), RoutePolicy.compile(p));
            named.addAll(p.claimValues().keySet());
        }
        Set<String> issuerValues = new HashSet<>();
        for (TrustedIssuer i : issuers) {
            issuerValues.add(i.issuer());
        }
        JwsParser parser = new JwsParser(new ParseOptions(config.limits().maxTokenBytes(), named, issuerValues));
        return new TokenChecker(parser, issuers, policies, config.defaultPolicy(), config.claimHeaders(), clock, metrics,
                config.tokenCache().maxBytes());
    }

    /** The name of the default policy. */
    public String defaultPolicy() {
        return defaultPolicy;
    }

    /** True when a policy of this name exists. */
    public boolean hasPolicy(String name) {
        return policies.containsKey(name);
    }

    /** Decides for this token under the named policy (null: the default policy), at the checker's clock. */
    public Decision check(String token, String policyName) {
        return check(token, policyName, clock.millis() / 1000);
    }

    /** Decides for this token under the named policy (null: the default policy), at the given time. */
    public Decision check(String token, String policyName, long now) {
        if (token == null) {
            return denyWithoutToken(policyName, DenyReason.TOKEN_MISSING);
        }
        long start = System.nanoTime();
        Decision d;
        try {
            d = decide(token, policyName == null ? defaultPolicy : policyName, now);
        } catch (RuntimeException | StackOverflowError e) {
            // Fail closed on anything unexpected; the message may echo input, so only the type is logged.
            LOG.log(Level.WARNING, "unexpected error while verifying token " + TokenFingerprint.of(token) + ": "
                    + e.getClass().getName());
            d = new Decision.Deny(known(policyName), DenyReason.INTERNAL_ERROR, null, TokenFingerprint.lazy(token));
        }
        record(d, start);
        return d;
    }

    /** A deny for a request that carried no token, or carried it in an invalid way; counted like any decision. */
    public Decision denyWithoutToken(String policyName, DenyReason reason) {
        Decision d = new Decision.Deny(known(policyName == null ? defaultPolicy : policyName), reason, null, null);
        record(d, System.nanoTime());
        return d;
    }

    private String known(String policyName) {
        String name = policyName == null ? defaultPolicy : policyName;
        return policies.containsKey(name) ? name : null;
    }

    private void record(Decision d, long start) {
        if (metrics != null) {
            metrics.record(d, System.nanoTime() - start);
        }
        if (d instanceof Decision.Deny deny && LOG.isLoggable(Level.FINE)) {
            LOG.fine("deny policy=" + deny.policy() + " reason=" + deny.reason().code() + " token=" + deny.fingerprint());
        }
    }

    private Decision decide(String token, String policyName, long now) {
        RoutePolicy policy = policies.get(policyName);
        if (policy == null) {
            return deny(null, DenyReason.POLICY_NOT_FOUND, token);
        }
        VerifiedToken cached = cache == null ? null : cache.get(token);
        if (cached != null) {
            if (stillPublished(cached)) {
                return decideVerified(policy, cached, now, token);
            }
            // Its key left the issuer's JWKS: verify again from scratch (which denies unless another key verifies it).
            cache.invalidate(token);
        }
        ParseResult parsed = parser.parse(token);
        if (parsed instanceof ParseFailure f) {
            return deny(policyName, f.reason(), token);
        }
        ParsedToken t = (ParsedToken) parsed;
        JwsAlgorithm alg = JwsAlgorithm.fromJose(t.header().alg());
        if (alg == null) {
            return deny(policyName, DenyReason.ALG_NOT_ALLOWED, token);
        }
        // The unverified iss only selects whose keys to try; it is trusted once the signature verifies.
        TrustedIssuer issuer = t.claims().iss() == null ? null : issuersByIss.get(t.claims().iss());
        if (issuer == null || !policy.trusts(issuer.name())) {
            return deny(policyName, DenyReason.ISSUER_NOT_TRUSTED, token);
        }
        if (!issuer.algorithms().contains(alg)) {
            return deny(policyName, DenyReason.ALG_NOT_ALLOWED, token);
        }
        KeyLookup lookup = issuer.keys().lookup(t.header().kid(), alg);
        if (lookup instanceof KeyLookup.Unavailable) {
            return deny(policyName, DenyReason.JWKS_UNAVAILABLE, token);
        }
        if (!(lookup instanceof KeyLookup.Found found)) {
            return deny(policyName, DenyReason.KEY_NOT_FOUND, token);
        }
        VerificationKey key = verifyingKey(found.keys(), alg, t);
        if (key == null) {
            return deny(policyName, DenyReason.SIGNATURE_INVALID, token);
        }
        List<String> scopes = issuer.scopes().scopes(t.claims());
        VerifiedToken verified = new VerifiedToken(t.header(), t.claims(), issuer, alg, key.thumbprint(), scopes,
                identity(t.claims(), scopes));
        if (cache != null) {
            cache.put(token, verified);
        }
        return decideVerified(policy, verified, now, token);
    }

    /** The checks that run on every request, cached or not: the issuer's claim rules, then the route policy. */
    private Decision decideVerified(RoutePolicy policy, VerifiedToken v, long now, String token) {
        TokenFacts facts = new TokenFacts(v.header(), v.claims(), v.issuer().name(), v.scopes(), now);
        PolicyOutcome outcome = v.issuer().rules().check(facts);
        if (outcome == PolicyOutcome.PASS) {
            outcome = policy.check(facts);
        }
        if (outcome instanceof PolicyOutcome.Fail fail) {
            return new Decision.Deny(policy.name(), fail.reason(), fail.requiredScope(), TokenFingerprint.lazy(token));
        }
        return new Decision.Allow(policy.name(), v.identity());
    }

    /** True while the key that verified a cached token is still among its issuer's keys for that kid and alg. */
    private static boolean stillPublished(VerifiedToken v) {
        KeyLookup lookup = v.issuer().keys().lookup(v.header().kid(), v.alg());
        if (lookup instanceof KeyLookup.Found found) {
            for (VerificationKey k : found.keys()) {
                if (k.thumbprint().equals(v.keyThumbprint())) {
                    return true;
                }
            }
        }
        return false;
    }

    private VerificationKey verifyingKey(List<VerificationKey> keys, JwsAlgorithm alg, ParsedToken t) {
        for (VerificationKey k : keys) {
            SigningInput input = SigningInput.ofAscii(t.token(), t.signingInputLength());
            if (verifier.verify(alg, k, input, t.signature())) {
                return k;
            }
        }
        return null;
    }

    private static Decision deny(String policy, DenyReason reason, String token) {
        return new Decision.Deny(policy, reason, null, TokenFingerprint.lazy(token));
    }

    /** Made once per verified token (a cache hit reuses it): it depends on the claims alone, not on the policy. */
    private Identity identity(TokenClaims c, List<String> scopes) {
        Map<String, String> extra = Map.of();
        if (!claimHeaders.isEmpty()) {
            extra = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : claimHeaders.entrySet()) {
                String v = claimText(c, e.getValue());
                if (v != null) {
                    extra.put(e.getKey(), v);
                }
            }
        }
        return new Identity(c.sub(), c.iss(), c.aud(), scopes, c.clientId() != null ? c.clientId() : c.azp(),
                c.exp() == TokenClaims.ABSENT ? null : c.exp(),
                c.iat() == TokenClaims.ABSENT ? null : c.iat(),
                c.nbf() == TokenClaims.ABSENT ? null : c.nbf(),
                c.jti(), extra);
    }

    /** A claim as header text: strings as they are, numbers and booleans as JSON text, string arrays space-separated. */
    private static String claimText(TokenClaims c, String claim) {
        switch (claim) {
            case "iss": return c.iss();
            case "sub": return c.sub();
            case "jti": return c.jti();
            case "client_id": return c.clientId();
            case "azp": return c.azp();
            case "aud": return c.aud().isEmpty() ? null : String.join(" ", c.aud());
            default: break;
        }
        ClaimValue v = c.named().get(claim);
        if (v instanceof ClaimValue.Text t) {
            return t.value();
        }
        if (v instanceof ClaimValue.TextList l) {
            return String.join(" ", l.values());
        }
        if (v instanceof ClaimValue.Number n) {
            return n.literal();
        }
        if (v instanceof ClaimValue.Bool b) {
            return Boolean.toString(b.value());
        }
        return null;
    }
}
