package io.tokencheck.verify;

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
import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SignatureVerifierTest {
    private final SignatureVerifier verifier = new SignatureVerifier();

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
        byte[] der = derOfRaw(s.sig());
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
}
