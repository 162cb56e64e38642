package io.tokencheck.bench;

import io.tokencheck.keys.JwsAlgorithm;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/** The peer libraries on the same token pool as tokencheck's coldDecision, with the same checks. */
public class PeerBenchmark extends BenchmarkRunSettings {
    @Param({"RS256", "PS256", "ES256", "EdDSA", "HS256"})
    public String alg;

    private final PeerPool nimbus = new PeerPool();
    private final PeerPool jose4j = new PeerPool();
    private final PeerPool jjwt = new PeerPool();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        AccessTokens tokens = AccessTokens.generate();
        JwsAlgorithm a = AccessTokens.algorithm(alg);
        String[] pool = tokens.pool(a, AccessTokens.COLD_POOL_SIZE).toArray(new String[0]);
        Map<String, String> invalid = tokens.invalid(a);
        nimbus.set("nimbus", NimbusPeer.create(a, tokens.kit()), pool, invalid);
        jose4j.set("jose4j", Jose4jPeer.create(a, tokens.kit()), pool, invalid);
        jjwt.set("jjwt", JjwtPeer.create(a, tokens.kit()), pool, invalid);
    }

    /** nimbus-jose-jwt DefaultJWTProcessor. */
    @Benchmark
    public String nimbus() throws Exception {
        return nimbus.verifyNext();
    }

    /** jose4j JwtConsumer. */
    @Benchmark
    public String jose4j() throws Exception {
        return jose4j.verifyNext();
    }

    /** jjwt JwtParser. */
    @Benchmark
    public String jjwt() throws Exception {
        return jjwt.verifyNext();
    }
}
