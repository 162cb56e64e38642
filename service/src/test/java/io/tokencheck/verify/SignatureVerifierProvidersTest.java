package io.tokencheck.verify;

import static io.tokencheck.testing.EcdsaSignatureBytes.concat;
import static io.tokencheck.testing.EcdsaSignatureBytes.derOfRaw;
import static io.tokencheck.testing.EcdsaSignatureBytes.fixed;
import static io.tokencheck.verify.ProviderSetups.KIT;
import static io.tokencheck.verify.ProviderSetups.sign;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokencheck.issuerkit.IssuerKit;
import io.tokencheck.keys.JwsAlgorithm;
import io.tokencheck.keys.VerificationKey;
import io.tokencheck.testing.TestKeys;
import io.tokencheck.verify.ProviderSetups.Signed;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every algorithm, valid and invalid, and every strict JOSE check, under each provider selection. */
class SignatureVerifierProvidersTest {

    @EverySelectionAndAlgorithm
    void theSelectedProviderVerifiesAValidSignature(String name, CryptoProviders providers, JwsAlgorithm alg) {
        SignatureVerifier verifier = new SignatureVerifier(providers);
        VerificationKey key = TestKeys.forAlg(KIT, alg);
        Signed s = sign(alg);
        assertThat(verifier.verify(alg, key, s.input(), s.sig())).isTrue();
        // The provider the selection names really is the one that verified (no silent per-key fallback).
        assertThat(verifier.keyVerifier(alg, key).providerName()).isEqualTo(providers.providerName(alg));
    }

    @EverySelectionAndAlgorithm
    void aFlippedBitInTheSignatureOrTheInputFails(String name, CryptoProviders providers, JwsAlgorithm alg) {
        SignatureVerifier verifier = new SignatureVerifier(providers);
        VerificationKey key = TestKeys.forAlg(KIT, alg);
        Signed s = sign(alg);
        for (int i : new int[] {0, s.sig().length / 2, s.sig().length - 1}) {
            byte[] bad = s.sig().clone();
            bad[i] ^= 0x01;
            assertThat(verifier.verify(alg, key, s.input(), bad)).as("bit flipped at %d", i).isFalse();
        }
        byte[] badInput = s.input().clone();
        badInput[badInput.length - 1] ^= 0x01;
        assertThat(verifier.verify(alg, key, badInput, s.sig())).isFalse();
        // And the pooled objects still verify after those answers.
        assertThat(verifier.verify(alg, key, s.input(), s.sig())).isTrue();
    }

    @EverySelectionAndAlgorithm
    void emptyTruncatedAndExtendedSignaturesFail(String name, CryptoProviders providers, JwsAlgorithm alg) {
        SignatureVerifier verifier = new SignatureVerifier(providers);
        VerificationKey key = TestKeys.forAlg(KIT, alg);
        Signed s = sign(alg);
        assertThat(verifier.verify(alg, key, s.input(), new byte[0])).isFalse();
        assertThat(verifier.verify(alg, key, s.input(), Arrays.copyOf(s.sig(), s.sig().length - 1))).isFalse();
        assertThat(verifier.verify(alg, key, s.input(), Arrays.copyOf(s.sig(), s.sig().length + 1))).isFalse();
        // A leading zero dropped (the same integer for a lenient RSA provider) or added.
        byte[] zeroPrefixed = new byte[s.sig().length + 1];
        System.arraycopy(s.sig(), 0, zeroPrefixed, 1, s.sig().length);
        assertThat(verifier.verify(alg, key, s.input(), zeroPrefixed)).isFalse();
    }

    @EverySelectionAndAlgorithm
    void nullOrHostileBytesAreAnInvalidSignatureNotAnException(String name, CryptoProviders providers, JwsAlgorithm alg) {
        SignatureVerifier verifier = new SignatureVerifier(providers);
        VerificationKey key = TestKeys.forAlg(KIT, alg);
        Signed s = sign(alg);
        byte[] ones = new byte[s.sig().length];
        Arrays.fill(ones, (byte) 0xff);
        assertThat(verifier.verify(alg, key, s.input(), ones)).isFalse();
        assertThat(verifier.verify(alg, key, s.input(), new byte[s.sig().length])).isFalse();
        assertThat(verifier.verify(alg, key, (byte[]) null, s.sig())).isFalse();
        assertThat(verifier.verify(alg, key, s.input(), null)).isFalse();
        assertThat(verifier.verify(alg, key, s.input(), s.sig())).isTrue();
    }

    @EverySelection
    void rs256SignatureCheckedAsPs256FailsAndTheOtherWayRound(String name, CryptoProviders providers) {
        SignatureVerifier verifier = new SignatureVerifier(providers);
        VerificationKey both = TestKeys.of(KIT, IssuerKit.RSA_KID, JwsAlgorithm.RS256, JwsAlgorithm.PS256);
        Signed rs = sign(JwsAlgorithm.RS256);
        assertThat(verifier.verify(JwsAlgorithm.PS256, both, rs.input(), rs.sig())).isFalse();
        Signed ps = ProviderSetups.Signed.of(KIT.token().alg(JwsAlgorithm.PS256).signWith(IssuerKit.RSA_KID).sign());
        assertThat(verifier.verify(JwsAlgorithm.RS256, both, ps.input(), ps.sig())).isFalse();
        assertThat(verifier.verify(JwsAlgorithm.PS256, both, ps.input(), ps.sig())).isTrue();
    }

    @EverySelection
    void ecdsaWithRZeroOrSZeroFails(String name, CryptoProviders providers) {
        // CVE-2022-21449 ("psychic signatures"): r = s = 0 verified on some JDKs.
        SignatureVerifier verifier = new SignatureVerifier(providers);
        VerificationKey key = TestKeys.forAlg(KIT, JwsAlgorithm.ES256);
        Signed s = sign(JwsAlgorithm.ES256);
        assertThat(verifier.verify(JwsAlgorithm.ES256, key, s.input(), new byte[64])).isFalse();
        byte[] rZero = s.sig().clone();
        Arrays.fill(rZero, 0, 32, (byte) 0);
        assertThat(verifier.verify(JwsAlgorithm.ES256, key, s.input(), rZero)).isFalse();
        byte[] sZero = s.sig().clone();
        Arrays.fill(sZero, 32, 64, (byte) 0);
        assertThat(verifier.verify(JwsAlgorithm.ES256, key, s.input(), sZero)).isFalse();
    }

    @EverySelection
    void ecdsaWithROrSAtOrAboveTheCurveOrderFails(String name, CryptoProviders providers) {
        SignatureVerifier verifier = new SignatureVerifier(providers);
        for (JwsAlgorithm alg : new JwsAlgorithm[] {JwsAlgorithm.ES256, JwsAlgorithm.ES384, JwsAlgorithm.ES512}) {
            VerificationKey key = TestKeys.forAlg(KIT, alg);
            BigInteger n = ((ECPublicKey) key.key()).getParams().getOrder();
            int half = alg.size();
            Signed s = sign(alg);
            byte[] r = Arrays.copyOfRange(s.sig(), 0, half);
            byte[] sv = Arrays.copyOfRange(s.sig(), half, 2 * half);
            for (BigInteger bad : new BigInteger[] {n, n.add(BigInteger.ONE)}) {
                assertThat(verifier.verify(alg, key, s.input(), concat(fixed(bad, half), sv))).as("%s r=%s", alg, bad).isFalse();
                assertThat(verifier.verify(alg, key, s.input(), concat(r, fixed(bad, half)))).as("%s s=%s", alg, bad).isFalse();
            }
            // s + n is the same value mod n: a provider that reduces would accept it, JOSE must not (when it fits).
            BigInteger sPlusN = new BigInteger(1, sv).add(n);
            if (sPlusN.bitLength() <= 8 * half) {
                assertThat(verifier.verify(alg, key, s.input(), concat(r, fixed(sPlusN, half)))).as("%s s+n", alg).isFalse();
            }
            // n - 1 is in range: the shape check lets it through, the signature check then says no.
            assertThat(JoseSignatureFormat.EcdsaRawRs.of(n, half).accepts(concat(r, fixed(n.subtract(BigInteger.ONE), half))))
                    .isTrue();
            assertThat(verifier.verify(alg, key, s.input(), s.sig())).isTrue();
        }
    }

    @EverySelection
    void ecdsaDerEncodingOfAValidSignatureFails(String name, CryptoProviders providers) {
        // JWS requires raw R || S; a DER SEQUENCE of the same values must not be accepted, even by a DER provider.
        SignatureVerifier verifier = new SignatureVerifier(providers);
        Signed s = sign(JwsAlgorithm.ES256);
        byte[] der = derOfRaw(s.sig());
        assertThat(verifier.verify(JwsAlgorithm.ES256, TestKeys.forAlg(KIT, JwsAlgorithm.ES256), s.input(), der)).isFalse();
    }

    @EverySelection
    void ecdsaKeyOfAnotherCurveThanTheAlgorithmNamesFails(String name, CryptoProviders providers) {
        SignatureVerifier verifier = new SignatureVerifier(providers);
        VerificationKey p384AsEs256 = TestKeys.of(KIT, IssuerKit.EC384_KID, JwsAlgorithm.ES256);
        assertThat(verifiesAFreshToken(verifier, JwsAlgorithm.ES256, p384AsEs256)).isFalse();
        // A P-256 key allowed for ES384: the right length for nothing, and the wrong curve.
        VerificationKey p256AsEs384 = TestKeys.of(KIT, IssuerKit.EC256_KID, JwsAlgorithm.ES384);
        assertThat(verifiesAFreshToken(verifier, JwsAlgorithm.ES384, p256AsEs384)).isFalse();
        assertThat(verifier.keyVerifier(JwsAlgorithm.ES384, p256AsEs384)).isSameAs(KeyVerifier.Unusable.INSTANCE);
    }

    @EverySelection
    void aKeyOfAnotherFamilyThanTheAlgorithmFails(String name, CryptoProviders providers) {
        SignatureVerifier verifier = new SignatureVerifier(providers);
        assertThat(verifiesAFreshToken(verifier, JwsAlgorithm.RS256, TestKeys.of(KIT, IssuerKit.EC256_KID, JwsAlgorithm.RS256)))
                .as("EC key as RSA").isFalse();
        assertThat(verifiesAFreshToken(verifier, JwsAlgorithm.HS256, TestKeys.of(KIT, IssuerKit.RSA_KID, JwsAlgorithm.HS256)))
                .as("RSA key as HMAC").isFalse();
        assertThat(verifiesAFreshToken(verifier, JwsAlgorithm.EdDSA, TestKeys.of(KIT, IssuerKit.EC256_KID, JwsAlgorithm.EdDSA)))
                .as("EC key as EdDSA").isFalse();
    }

    @EverySelection
    void hmacWithAnotherSecretFails(String name, CryptoProviders providers) {
        SignatureVerifier verifier = new SignatureVerifier(providers);
        IssuerKit other = IssuerKit.generate("https://issuer.example.test");
        for (JwsAlgorithm alg : JwsAlgorithm.hmacSet()) {
            Signed s = sign(alg);
            assertThat(verifier.verify(alg, TestKeys.forAlg(other, alg), s.input(), s.sig())).as(alg.name()).isFalse();
            assertThat(verifier.verify(alg, TestKeys.forAlg(KIT, alg), s.input(), s.sig())).as(alg.name()).isTrue();
        }
    }

    @EverySelection
    void aKeyNotAllowedForTheAlgorithmFails(String name, CryptoProviders providers) {
        SignatureVerifier verifier = new SignatureVerifier(providers);
        VerificationKey psOnly = TestKeys.of(KIT, IssuerKit.RSA_KID, JwsAlgorithm.PS256);
        assertThat(verifiesAFreshToken(verifier, JwsAlgorithm.RS256, psOnly)).isFalse();
    }

    @EverySelection
    void aNewKeyObjectForTheSameKeyGetsItsOwnStateAndVerifies(String name, CryptoProviders providers) {
        // A JWKS refresh makes new VerificationKey objects; equal records must not share pooled state by value.
        SignatureVerifier verifier = new SignatureVerifier(providers);
        Signed s = sign(JwsAlgorithm.ES256);
        VerificationKey first = TestKeys.forAlg(KIT, JwsAlgorithm.ES256);
        VerificationKey second = TestKeys.forAlg(KIT, JwsAlgorithm.ES256);
        assertThat(verifier.verify(JwsAlgorithm.ES256, first, s.input(), s.sig())).isTrue();
        assertThat(verifier.verify(JwsAlgorithm.ES256, second, s.input(), s.sig())).isTrue();
        assertThat(verifier.keyVerifier(JwsAlgorithm.ES256, first)).isNotSameAs(verifier.keyVerifier(JwsAlgorithm.ES256, second));
    }

    /** Whether {@code key} verifies a token the kit just minted with {@code alg}. */
    private static boolean verifiesAFreshToken(SignatureVerifier verifier, JwsAlgorithm alg, VerificationKey key) {
        Signed s = sign(alg);
        return verifier.verify(alg, key, s.input(), s.sig());
    }

    /** A test run once per provider selection, the selection's name in the display name. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tokencheck.verify.ProviderSetups#selections")
    private @interface EverySelection {
    }

    /** A test run once per provider selection and algorithm. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("io.tokencheck.verify.ProviderSetups#selectionsAndAlgorithms")
    private @interface EverySelectionAndAlgorithm {
    }
}
