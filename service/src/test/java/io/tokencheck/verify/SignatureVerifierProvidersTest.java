package io.tokencheck.verify;

import static io.tokencheck.verify.ProviderSetups.KIT;
import static io.tokencheck.verify.ProviderSetups.sign;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokencheck.issuerkit.IssuerKit;
import io.tokencheck.keys.JwsAlgorithm;
import io.tokencheck.keys.VerificationKey;
import io.tokencheck.testing.TestKeys;
import io.tokencheck.verify.ProviderSetups.Signed;
import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every algorithm, valid and invalid, and every strict JOSE check, under each provider selection. */
class SignatureVerifierProvidersTest {

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("io.tokencheck.verify.ProviderSetups#selectionsAndAlgorithms")
    void theSelectedProviderVerifiesAValidSignature(String name, CryptoProviders providers, JwsAlgorithm alg) {
        SignatureVerifier verifier = new SignatureVerifier(providers);
        VerificationKey key = TestKeys.forAlg(KIT, alg);
        Signed s = sign(alg);
        assertThat(verifier.verify(alg, key, s.input(), s.sig())).isTrue();
        // The provider the selection names really is the one that verified (no silent per-key fallback).
        assertThat(verifier.keyVerifier(alg, key).providerName()).isEqualTo(providers.providerName(alg));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("io.tokencheck.verify.ProviderSetups#selectionsAndAlgorithms")
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

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("io.tokencheck.verify.ProviderSetups#selectionsAndAlgorithms")
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

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("io.tokencheck.verify.ProviderSetups#selectionsAndAlgorithms")
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tokencheck.verify.ProviderSetups#selections")
    void rs256SignatureCheckedAsPs256FailsAndTheOtherWayRound(String name, CryptoProviders providers) {
        SignatureVerifier verifier = new SignatureVerifier(providers);
        VerificationKey both = TestKeys.of(KIT, IssuerKit.RSA_KID, JwsAlgorithm.RS256, JwsAlgorithm.PS256);
        Signed rs = sign(JwsAlgorithm.RS256);
        assertThat(verifier.verify(JwsAlgorithm.PS256, both, rs.input(), rs.sig())).isFalse();
        Signed ps = ProviderSetups.Signed.of(KIT.token().alg(JwsAlgorithm.PS256).signWith(IssuerKit.RSA_KID).sign());
        assertThat(verifier.verify(JwsAlgorithm.RS256, both, ps.input(), ps.sig())).isFalse();
        assertThat(verifier.verify(JwsAlgorithm.PS256, both, ps.input(), ps.sig())).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tokencheck.verify.ProviderSetups#selections")
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tokencheck.verify.ProviderSetups#selections")
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tokencheck.verify.ProviderSetups#selections")
    void ecdsaDerEncodingOfAValidSignatureFails(String name, CryptoProviders providers) {
        // JWS requires raw R || S; a DER SEQUENCE of the same values must not be accepted, even by a DER provider.
        SignatureVerifier verifier = new SignatureVerifier(providers);
        Signed s = sign(JwsAlgorithm.ES256);
        byte[] der = der(Arrays.copyOfRange(s.sig(), 0, 32), Arrays.copyOfRange(s.sig(), 32, 64));
        assertThat(verifier.verify(JwsAlgorithm.ES256, TestKeys.forAlg(KIT, JwsAlgorithm.ES256), s.input(), der)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tokencheck.verify.ProviderSetups#selections")
    void ecdsaKeyOfAnotherCurveThanTheAlgorithmNamesFails(String name, CryptoProviders providers) {
        SignatureVerifier verifier = new SignatureVerifier(providers);
        Signed es256 = sign(JwsAlgorithm.ES256);
        VerificationKey p384AsEs256 = TestKeys.of(KIT, IssuerKit.EC384_KID, JwsAlgorithm.ES256);
        assertThat(verifier.verify(JwsAlgorithm.ES256, p384AsEs256, es256.input(), es256.sig())).isFalse();
        // A P-256 key allowed for ES384: the right length for nothing, and the wrong curve.
        Signed es384 = sign(JwsAlgorithm.ES384);
        VerificationKey p256AsEs384 = TestKeys.of(KIT, IssuerKit.EC256_KID, JwsAlgorithm.ES384);
        assertThat(verifier.verify(JwsAlgorithm.ES384, p256AsEs384, es384.input(), es384.sig())).isFalse();
        assertThat(verifier.keyVerifier(JwsAlgorithm.ES384, p256AsEs384)).isSameAs(KeyVerifier.Unusable.INSTANCE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tokencheck.verify.ProviderSetups#selections")
    void aKeyOfAnotherFamilyThanTheAlgorithmFails(String name, CryptoProviders providers) {
        SignatureVerifier verifier = new SignatureVerifier(providers);
        Signed rs = sign(JwsAlgorithm.RS256);
        VerificationKey ecAsRsa = TestKeys.of(KIT, IssuerKit.EC256_KID, JwsAlgorithm.RS256);
        assertThat(verifier.verify(JwsAlgorithm.RS256, ecAsRsa, rs.input(), rs.sig())).isFalse();
        Signed hs = sign(JwsAlgorithm.HS256);
        VerificationKey rsaAsHmac = TestKeys.of(KIT, IssuerKit.RSA_KID, JwsAlgorithm.HS256);
        assertThat(verifier.verify(JwsAlgorithm.HS256, rsaAsHmac, hs.input(), hs.sig())).isFalse();
        Signed ed = sign(JwsAlgorithm.EdDSA);
        VerificationKey ecAsEd = TestKeys.of(KIT, IssuerKit.EC256_KID, JwsAlgorithm.EdDSA);
        assertThat(verifier.verify(JwsAlgorithm.EdDSA, ecAsEd, ed.input(), ed.sig())).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tokencheck.verify.ProviderSetups#selections")
    void hmacWithAnotherSecretFails(String name, CryptoProviders providers) {
        SignatureVerifier verifier = new SignatureVerifier(providers);
        IssuerKit other = IssuerKit.generate("https://issuer.example.test");
        for (JwsAlgorithm alg : JwsAlgorithm.hmacSet()) {
            Signed s = sign(alg);
            assertThat(verifier.verify(alg, TestKeys.forAlg(other, alg), s.input(), s.sig())).as(alg.name()).isFalse();
            assertThat(verifier.verify(alg, TestKeys.forAlg(KIT, alg), s.input(), s.sig())).as(alg.name()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tokencheck.verify.ProviderSetups#selections")
    void aKeyNotAllowedForTheAlgorithmFails(String name, CryptoProviders providers) {
        SignatureVerifier verifier = new SignatureVerifier(providers);
        Signed s = sign(JwsAlgorithm.RS256);
        VerificationKey psOnly = TestKeys.of(KIT, IssuerKit.RSA_KID, JwsAlgorithm.PS256);
        assertThat(verifier.verify(JwsAlgorithm.RS256, psOnly, s.input(), s.sig())).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tokencheck.verify.ProviderSetups#selections")
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

    private static byte[] der(byte[] rRaw, byte[] sRaw) {
        byte[] r = new BigInteger(1, rRaw).toByteArray();
        byte[] sv = new BigInteger(1, sRaw).toByteArray();
        byte[] der = new byte[6 + r.length + sv.length];
        der[0] = 0x30;
        der[1] = (byte) (4 + r.length + sv.length);
        der[2] = 0x02;
        der[3] = (byte) r.length;
        System.arraycopy(r, 0, der, 4, r.length);
        der[4 + r.length] = 0x02;
        der[5 + r.length] = (byte) sv.length;
        System.arraycopy(sv, 0, der, 6 + r.length, sv.length);
        return der;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] fixed(BigInteger v, int len) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[len];
        int copy = Math.min(b.length, len);
        System.arraycopy(b, b.length - copy, out, len - copy, copy);
        return out;
    }
}
