package io.tokencheck.verify;

import io.tokencheck.issuerkit.IssuerKit;
import io.tokencheck.keys.JwsAlgorithm;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** The provider selections the verify tests run under, each made once per test JVM (the self-tests cost keys). */
final class ProviderSetups {
    /** The fastest selection: ACCP where it loads (Linux x86_64), BouncyCastle or the JDK elsewhere. */
    static final CryptoProviders FAST = CryptoProviders.select(CryptoPreference.FAST);
    /** The JDK's providers only. */
    static final CryptoProviders JDK = CryptoProviders.select(CryptoPreference.JDK);
    /** BouncyCastle where it is a candidate (Ed25519), the JDK for the rest: the path of a machine without ACCP. */
    static final CryptoProviders BOUNCY_CASTLE =
            CryptoProviders.select(CryptoPreference.FAST, EnumSet.of(ProviderCandidate.BOUNCY_CASTLE));

    /** One kit for all verify tests: RSA key generation is slow. */
    static final IssuerKit KIT = IssuerKit.generate("https://issuer.example.test");

    private ProviderSetups() {
    }

    /** Every selection by name. */
    static List<Arguments> selections() {
        return List.of(Arguments.of("fast", FAST), Arguments.of("jdk", JDK), Arguments.of("bouncycastle", BOUNCY_CASTLE));
    }

    /** Every selection crossed with every algorithm. */
    static Stream<Arguments> selectionsAndAlgorithms() {
        return selections().stream().flatMap(s -> Stream.of(JwsAlgorithm.values())
                .map(alg -> Arguments.of(s.get()[0], s.get()[1], alg)));
    }

    /** The signing input and signature of a freshly minted token. */
    record Signed(byte[] input, byte[] sig) {
        static Signed of(String token) {
            int dot = token.lastIndexOf('.');
            return new Signed(token.substring(0, dot).getBytes(StandardCharsets.US_ASCII),
                    Base64.getUrlDecoder().decode(token.substring(dot + 1)));
        }
    }

    /** A token of this algorithm minted by the kit, split into signing input and signature. */
    static Signed sign(JwsAlgorithm alg) {
        return Signed.of(KIT.token().alg(alg).sign());
    }
}
