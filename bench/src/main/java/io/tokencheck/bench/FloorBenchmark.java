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

/** The raw signature (or MAC) check on the benchmark token's signing input: what no verifier can beat. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class FloorBenchmark {
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
