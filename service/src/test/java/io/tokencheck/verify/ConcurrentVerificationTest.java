package io.tokencheck.verify;

import static io.tokencheck.verify.ProviderSetups.KIT;
import static io.tokencheck.verify.ProviderSetups.sign;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokencheck.keys.JwsAlgorithm;
import io.tokencheck.keys.VerificationKey;
import io.tokencheck.testing.TestKeys;
import io.tokencheck.verify.ProviderSetups.Signed;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Many threads share one key's pooled Signature/Mac objects: every answer must still be the right one. */
class ConcurrentVerificationTest {
    private static final int TASKS = 400;

    static Stream<Arguments> cases() {
        return ProviderSetups.selections().stream().flatMap(s -> Stream.of(
                        JwsAlgorithm.RS256, JwsAlgorithm.PS256, JwsAlgorithm.ES256, JwsAlgorithm.EdDSA, JwsAlgorithm.HS256)
                .flatMap(alg -> Stream.of(true, false).map(virtual -> Arguments.of(s.get()[0], s.get()[1], alg, virtual))));
    }

    @ParameterizedTest(name = "{0} {2} virtual={3}")
    @MethodSource("cases")
    void concurrentValidAndInvalidSignaturesWithOneKeyGetTheirOwnAnswers(String name, CryptoProviders providers,
                                                                       JwsAlgorithm alg, boolean virtual) throws Exception {
        // A pool smaller than the concurrency, so that taking from an empty pool and dropping into a full one happen too.
        SignatureVerifier verifier = new SignatureVerifier(providers, 2);
        VerificationKey key = TestKeys.forAlg(KIT, alg);
        Signed good = sign(alg);
        byte[] badSig = good.sig().clone();
        badSig[badSig.length / 2] ^= 0x01;
        byte[] badInput = good.input().clone();
        badInput[badInput.length / 2] ^= 0x01;

        List<Future<Boolean>> answers = new ArrayList<>();
        try (ExecutorService pool = virtual ? Executors.newVirtualThreadPerTaskExecutor() : Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < TASKS; i++) {
                int kind = i % 4;
                answers.add(pool.submit(() -> switch (kind) {
                    case 0 -> verifier.verify(alg, key, good.input(), good.sig());
                    case 1 -> verifier.verify(alg, key, good.input(), badSig);
                    case 2 -> verifier.verify(alg, key, badInput, good.sig());
                    default -> verifier.verify(alg, key, (byte[]) null, good.sig()); // the provider throws: the object is dropped
                }));
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        for (int i = 0; i < TASKS; i++) {
            assertThat(answers.get(i).get()).as("task %d (kind %d)", i, i % 4).isEqualTo(i % 4 == 0);
        }
        // The pool kept no more than its slots, and what it kept still verifies.
        assertThat(poolSize(verifier.keyVerifier(alg, key))).isBetween(0, 2);
        assertThat(verifier.verify(alg, key, good.input(), good.sig())).isTrue();
    }

    private static int poolSize(KeyVerifier v) {
        return switch (v) {
            case SignatureKeyVerifier s -> s.pool().size();
            case MacKeyVerifier m -> m.pool().size();
            case KeyVerifier.Unusable u -> 0;
        };
    }
}
