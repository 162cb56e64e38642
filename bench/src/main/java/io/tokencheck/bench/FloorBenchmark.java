package io.tokencheck.bench;

import io.tokencheck.keys.JwsAlgorithm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/** The raw signature (or MAC) check on the benchmark token's signing input: what no verifier can beat. */
public class FloorBenchmark extends BenchmarkRunSettings {
    @Param({"RS256", "PS256", "ES256", "EdDSA", "HS256"})
    public String alg;

    private RawVerifier tokencheckProvider;
    private RawVerifier jdkProvider;

    @Setup(Level.Trial)
    public void setUp() {
        AccessTokens tokens = AccessTokens.generate();
        JwsAlgorithm a = AccessTokens.algorithm(alg);
        String token = tokens.mint(a);
        tokencheckProvider = RawVerifier.of(a, RawVerifier.tokencheckProvider(a), tokens.kit(), token);
        jdkProvider = RawVerifier.of(a, RawVerifier.jdkProvider(a), tokens.kit(), token);
        System.out.println();
        System.out.println("# " + alg + ": tokencheck's provider " + RawVerifier.tokencheckProvider(a).getName()
                + ", token " + token.length() + " characters");
    }

    /** Signature.verify / Mac.doFinal with the provider tokencheck uses for this algorithm. */
    @Benchmark
    public Object floor() {
        return tokencheckProvider.isMac() ? tokencheckProvider.mac() : tokencheckProvider.verifies();
    }

    /** The same with the JDK's own provider. */
    @Benchmark
    public Object jdkFloor() {
        return jdkProvider.isMac() ? jdkProvider.mac() : jdkProvider.verifies();
    }
}
