package io.tokencheck.bench;

import io.tokencheck.keys.JwsAlgorithm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/** auth0 java-jwt, on the algorithms it supports (no PS256, no EdDSA), same pool and checks as the other peers. */
public class Auth0Benchmark extends BenchmarkRunSettings {
    @Param({"RS256", "ES256", "HS256"})
    public String alg;

    private final PeerPool auth0 = new PeerPool();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        AccessTokens tokens = AccessTokens.generate();
        JwsAlgorithm a = AccessTokens.algorithm(alg);
        auth0.set("auth0", Auth0Peer.create(a, tokens.kit()), tokens.pool(a, AccessTokens.COLD_POOL_SIZE).toArray(new String[0]),
                tokens.invalid(a));
    }

    /** auth0 java-jwt JWTVerifier. */
    @Benchmark
    public String auth0() throws Exception {
        return auth0.verifyNext();
    }
}
