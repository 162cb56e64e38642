package io.tokencheck.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokencheck.issuerkit.IssuerKit;
import io.tokencheck.keys.JwsAlgorithm;
import io.tokencheck.keys.VerificationKey;
import io.tokencheck.testing.TestKeys;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SignatureVerifierTest {
    private static final IssuerKit KIT = IssuerKit.generate("https://issuer.example.test");
    private final SignatureVerifier verifier = new SignatureVerifier();

    /** The signing input and signature of a freshly minted token. */
    private record Signed(byte[] input, byte[] sig) {
        static Signed of(String token) {
            int dot = token.lastIndexOf('.');
            return new Signed(token.substring(0, dot).getBytes(StandardCharsets.US_ASCII),
                    Base64.getUrlDecoder().decode(token.substring(dot + 1)));
        }
    }

    private static Signed sign(JwsAlgorithm alg) {
        return Signed.of(KIT.token().alg(alg).sign());
    }

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void validSignatureVerifies(JwsAlgorithm alg) {
        Signed s = sign(alg);
        assertThat(verifier.verify(alg, TestKeys.forAlg(KIT, alg), s.input(), s.sig())).isTrue();
    }

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void flippedBitInSignatureFails(JwsAlgorithm alg) {
        Signed s = sign(alg);
        s.sig()[s.sig().length / 2] ^= 0x01;
        assertThat(verifier.verify(alg, TestKeys.forAlg(KIT, alg), s.input(), s.sig())).isFalse();
    }

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void changedSigningInputFails(JwsAlgorithm alg) {
        Signed s = sign(alg);
        s.input()[s.input().length - 1] ^= 0x01;
        assertThat(verifier.verify(alg, TestKeys.forAlg(KIT, alg), s.input(), s.sig())).isFalse();
    }

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void emptyAndTruncatedAndExtendedSignaturesFail(JwsAlgorithm alg) {
        Signed s = sign(alg);
        VerificationKey key = TestKeys.forAlg(KIT, alg);
        assertThat(verifier.verify(alg, key, s.input(), new byte[0])).isFalse();
        assertThat(verifier.verify(alg, key, s.input(), Arrays.copyOf(s.sig(), s.sig().length - 1))).isFalse();
        assertThat(verifier.verify(alg, key, s.input(), Arrays.copyOf(s.sig(), s.sig().length + 1))).isFalse();
    }

    @Test
    void keyNotAllowedForTheAlgorithmFails() {
        Signed s = sign(JwsAlgorithm.RS256);
        VerificationKey psOnly = TestKeys.of(KIT, IssuerKit.RSA_KID, JwsAlgorithm.PS256);
        assertThat(verifier.verify(JwsAlgorithm.RS256, psOnly, s.input(), s.sig())).isFalse();
    }

    @Test
    void rs256SignatureCheckedAsPs256Fails() {
        Signed s = sign(JwsAlgorithm.RS256);
        VerificationKey both = TestKeys.of(KIT, IssuerKit.RSA_KID, JwsAlgorithm.RS256, JwsAlgorithm.PS256);
        assertThat(verifier.verify(JwsAlgorithm.PS256, both, s.input(), s.sig())).isFalse();
    }

    @Test
    void ecdsaZeroSignatureFails() {
        // CVE-2022-21449 ("psychic signatures"): r = s = 0 verified on some JDKs.
        Signed s = sign(JwsAlgorithm.ES256);
        assertThat(verifier.verify(JwsAlgorithm.ES256, TestKeys.forAlg(KIT, JwsAlgorithm.ES256), s.input(), new byte[64]))
                .isFalse();
    }

    @Test
    void ecdsaRAndSEqualToTheCurveOrderFail() {
        VerificationKey key = TestKeys.forAlg(KIT, JwsAlgorithm.ES256);
        BigInteger n = ((ECPublicKey) key.key()).getParams().getOrder();
        byte[] nBytes = fixed(n, 32);
        byte[] sig = new byte[64];
        System.arraycopy(nBytes, 0, sig, 0, 32);
        System.arraycopy(nBytes, 0, sig, 32, 32);
        assertThat(SignatureVerifier.ecSignatureOk(JwsAlgorithm.ES256, (ECPublicKey) key.key(), sig)).isFalse();
        Signed s = sign(JwsAlgorithm.ES256);
        assertThat(verifier.verify(JwsAlgorithm.ES256, key, s.input(), sig)).isFalse();
    }

    @Test
    void ecdsaDerEncodedSignatureFails() {
        // JWS requires raw R || S; a DER SEQUENCE of the same values must not be accepted.
        Signed s = sign(JwsAlgorithm.ES256);
        byte[] r = new BigInteger(1, Arrays.copyOfRange(s.sig(), 0, 32)).toByteArray();
        byte[] sv = new BigInteger(1, Arrays.copyOfRange(s.sig(), 32, 64)).toByteArray();
        byte[] der = new byte[6 + r.length + sv.length];
        der[0] = 0x30;
        der[1] = (byte) (4 + r.length + sv.length);
        der[2] = 0x02;
        der[3] = (byte) r.length;
        System.arraycopy(r, 0, der, 4, r.length);
        der[4 + r.length] = 0x02;
        der[5 + r.length] = (byte) sv.length;
        System.arraycopy(sv, 0, der, 6 + r.length, sv.length);
        assertThat(verifier.verify(JwsAlgorithm.ES256, TestKeys.forAlg(KIT, JwsAlgorithm.ES256), s.input(), der)).isFalse();
    }

    @Test
    void es256SignatureAgainstP384KeyFails() {
        Signed s = sign(JwsAlgorithm.ES256);
        VerificationKey p384 = TestKeys.of(KIT, IssuerKit.EC384_KID, JwsAlgorithm.ES256);
        assertThat(verifier.verify(JwsAlgorithm.ES256, p384, s.input(), s.sig())).isFalse();
    }

    @Test
    void hmacWithAnotherSecretFails() {
        IssuerKit other = IssuerKit.generate("https://issuer.example.test");
        Signed s = sign(JwsAlgorithm.HS256);
        assertThat(verifier.verify(JwsAlgorithm.HS256, TestKeys.forAlg(other, JwsAlgorithm.HS256), s.input(), s.sig()))
                .isFalse();
    }

    private static byte[] fixed(BigInteger v, int len) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[len];
        int copy = Math.min(b.length, len);
        System.arraycopy(b, b.length - copy, out, len - copy, copy);
        return out;
    }
}
