package io.tokencheck.bench;

import io.tokencheck.issuerkit.IssuerKit;
import io.tokencheck.issuerkit.TokenBuilder;
import io.tokencheck.keys.JwsAlgorithm;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The benchmark's issuer and its realistic access tokens (about 600-900 characters: 589 for HS256, 891 for RS256): the same claims for every
 * algorithm and every library, so that all of them do the same work.
 */
public final class AccessTokens {
    /** The issuer every benchmark trusts. */
    public static final String ISSUER = "https://idp.example.com/realms/corporate";
    /** The audience every benchmark requires. */
    public static final String AUDIENCE = "api://orders";
    /** The scope every benchmark requires. */
    public static final String REQUIRED_SCOPE = "orders:read";
    /** Clock leeway for exp and nbf, as tokencheck's default. */
    public static final long LEEWAY_SECONDS = 60;
    /**
     * Distinct tokens a cold benchmark cycles through: many times more than the cold checker's cache holds
     * (default 1024; the CI guard sets -Dbench.poolSize=256 to mint less).
     */
    public static final int COLD_POOL_SIZE = Integer.getInteger("bench.poolSize", 1024);

    private static final String SCOPES = "openid profile email offline_access orders:read orders:write inventory:read customers:read";
    private static final int MIN_LENGTH = 580;
    private static final int MAX_LENGTH = 920;

    private final IssuerKit kit;

    private AccessTokens(IssuerKit kit) {
        this.kit = kit;
    }

    /** A fresh issuer with keys of every family; tokens are valid for an hour from now (runs are far shorter). */
    public static AccessTokens generate() {
        return new AccessTokens(IssuerKit.generate(ISSUER, Clock.systemUTC()));
    }

    /** The issuer kit: keys, public JWKS, HMAC secret. */
    public IssuerKit kit() {
        return kit;
    }

    /** One access token signed with this algorithm; each call gives a token with another jti. */
    public String mint(JwsAlgorithm alg) {
        String token = builder(alg).sign();
        if (token.length() < MIN_LENGTH || token.length() > MAX_LENGTH) {
            throw new IllegalStateException(alg + " token is " + token.length() + " characters, outside "
                    + MIN_LENGTH + ".." + MAX_LENGTH);
        }
        return token;
    }

    /**
     * Tokens that break one check each (issuer, audience, exp, nbf, scope, signature), by what they break: every
     * verifier in the suite must reject all of them, which shows that they all do the same checks.
     */
    public Map<String, String> invalid(JwsAlgorithm alg) {
        long now = kit.clock().instant().getEpochSecond();
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("wrong issuer", builder(alg).claim("iss", "https://idp.example.com/realms/other").sign());
        tokens.put("wrong audience", builder(alg).audience("api://inventory").sign());
        tokens.put("expired", builder(alg).claim("exp", now - 2 * LEEWAY_SECONDS).sign());
        tokens.put("not yet valid", builder(alg).claim("nbf", now + 5 * LEEWAY_SECONDS).sign());
        tokens.put("scope missing", builder(alg).scope("openid profile orders:write").sign());
        String valid = mint(alg);
        int mid = valid.lastIndexOf('.') + 10;
        tokens.put("bad signature", valid.substring(0, mid) + (valid.charAt(mid) == 'A' ? 'B' : 'A') + valid.substring(mid + 1));
        return tokens;
    }

    private TokenBuilder builder(JwsAlgorithm alg) {
        return kit.token().alg(alg)
                .claim("sub", "f81d4fae-7dec-11d0-a765-00a0c91e6bf6")
                .audience(AUDIENCE, "api://inventory")
                .expiresIn(Duration.ofHours(1))
                .claim("jti", UUID.randomUUID().toString())
                .scope(SCOPES)
                .claim("client_id", "orders-web-frontend");
    }

    /** Distinct tokens (distinct jti, hence distinct signatures), for benchmarks that must never see a token twice in a row. */
    public List<String> pool(JwsAlgorithm alg, int size) {
        List<String> tokens = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            tokens.add(mint(alg));
        }
        return tokens;
    }

    /** True when a space-delimited scope string grants {@link #REQUIRED_SCOPE} (the check every peer is given). */
    public static boolean grantsRequiredScope(String scope) {
        if (scope == null) {
            return false;
        }
        int n = REQUIRED_SCOPE.length();
        for (int start = 0; start <= scope.length() - n; ) {
            int end = scope.indexOf(' ', start);
            if (end < 0) {
                end = scope.length();
            }
            if (end - start == n && scope.startsWith(REQUIRED_SCOPE, start)) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    /** The JOSE algorithm named by a JMH parameter. */
    public static JwsAlgorithm algorithm(String name) {
        JwsAlgorithm alg = JwsAlgorithm.fromJose(name);
        if (alg == null) {
            throw new IllegalArgumentException("unknown algorithm " + name);
        }
        return alg;
    }
}
