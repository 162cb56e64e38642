package io.tokencheck.bench;

import io.tokencheck.keys.JwsAlgorithm;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** auth0 java-jwt, on the algorithms it supports (no PS256, no EdDSA), same pool and checks as the other peers. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class Auth0Benchmark {
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
