package io.tokencheck.attacks;

import static io.tokencheck.attacks.AttackTarget.KIT;
import static io.tokencheck.attacks.AttackTarget.reason;
import static io.tokencheck.attacks.AttackTarget.signature;
import static io.tokencheck.attacks.AttackTarget.withSignature;
import static io.tokencheck.testing.EcdsaSignatureBytes.concat;
import static io.tokencheck.testing.EcdsaSignatureBytes.derOfRaw;
import static io.tokencheck.testing.EcdsaSignatureBytes.fixed;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokencheck.issuerkit.TokenBuilder;
import io.tokencheck.keys.JwsAlgorithm;
import io.tokencheck.reason.DenyReason;
import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * ECDSA signature shape (CVE-2022-21449 "psychic signatures" in the JDK 15-18 verifier, and the DER/raw confusions of
 * several JOSE libraries): JWS wants raw R || S with 1 <= r, s < n, each exactly the coordinate length.
 */
class PsychicSignatureTest {

    @ParameterizedTest
    @EnumSource(value = JwsAlgorithm.class, names = {"ES256", "ES384", "ES512"})
    void cve_2022_21449_zeroEcdsaSignatureIsSignatureInvalid(JwsAlgorithm alg) {
        String t = KIT.token().alg(alg).sign();
        assertThat(reason(withSignature(t, new byte[2 * alg.size()]))).isEqualTo(DenyReason.SIGNATURE_INVALID);
    }

    @ParameterizedTest
    @EnumSource(value = JwsAlgorithm.class, names = {"ES256", "ES384", "ES512"})
    void cve_2022_21449_rOrSZeroWithTheOtherGenuineIsSignatureInvalid(JwsAlgorithm alg) {
        String t = KIT.token().alg(alg).sign();
        byte[] sig = signature(t);
        int half = alg.size();
        byte[] rZero = sig.clone();
        Arrays.fill(rZero, 0, half, (byte) 0);
        byte[] sZero = sig.clone();
        Arrays.fill(sZero, half, 2 * half, (byte) 0);
        assertThat(reason(withSignature(t, rZero))).isEqualTo(DenyReason.SIGNATURE_INVALID);
        assertThat(reason(withSignature(t, sZero))).isEqualTo(DenyReason.SIGNATURE_INVALID);
    }

    @ParameterizedTest
    @EnumSource(value = JwsAlgorithm.class, names = {"ES256", "ES384", "ES512"})
    void cve_2022_21449_rAndSEqualToTheCurveOrderAreSignatureInvalid(JwsAlgorithm alg) {
        String t = KIT.token().alg(alg).sign();
        BigInteger n = order(alg);
        int half = alg.size();
        byte[] sig = signature(t);
        // r = s = n is r = s = 0 mod n; r + n and s + n are the genuine values "unreduced".
        assertThat(reason(withSignature(t, concat(fixed(n, half), fixed(n, half))))).isEqualTo(DenyReason.SIGNATURE_INVALID);
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(sig, 0, half));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, half, 2 * half));
        if (r.add(n).bitLength() <= half * 8) {
            assertThat(reason(withSignature(t, concat(fixed(r.add(n), half), fixed(s, half))))).isEqualTo(DenyReason.SIGNATURE_INVALID);
        }
        if (s.add(n).bitLength() <= half * 8) {
            assertThat(reason(withSignature(t, concat(fixed(r, half), fixed(s.add(n), half))))).isEqualTo(DenyReason.SIGNATURE_INVALID);
        }
        assertThat(reason(withSignature(t, concat(fixed(n.subtract(BigInteger.ONE), half), fixed(n, half)))))
                .isEqualTo(DenyReason.SIGNATURE_INVALID);
    }

    @ParameterizedTest
    @EnumSource(value = JwsAlgorithm.class, names = {"ES256", "ES384", "ES512"})
    void ecdsaSignatureOfTheWrongLengthIsSignatureInvalid(JwsAlgorithm alg) {
        String t = KIT.token().alg(alg).sign();
        byte[] sig = signature(t);
        int half = alg.size();
        assertThat(reason(withSignature(t, Arrays.copyOf(sig, sig.length - 1)))).isEqualTo(DenyReason.SIGNATURE_INVALID);
        assertThat(reason(withSignature(t, Arrays.copyOf(sig, sig.length + 1)))).isEqualTo(DenyReason.SIGNATURE_INVALID);
        assertThat(reason(withSignature(t, Arrays.copyOf(sig, half)))).as("r only").isEqualTo(DenyReason.SIGNATURE_INVALID);
        byte[] zeroPrefixed = new byte[sig.length + 1];
        System.arraycopy(sig, 0, zeroPrefixed, 1, sig.length);
        assertThat(reason(withSignature(t, zeroPrefixed))).isEqualTo(DenyReason.SIGNATURE_INVALID);
        // The signature for ES256 is 64 bytes: an ES256 signature under an ES384 header, and so on, has the wrong length.
        assertThat(reason(withSignature(t, new byte[0]))).isEqualTo(DenyReason.SIGNATURE_INVALID);
    }

    @ParameterizedTest
    @EnumSource(value = JwsAlgorithm.class, names = {"ES256", "ES384", "ES512"})
    void derEncodedEcdsaSignatureIsSignatureInvalid(JwsAlgorithm alg) {
        // The same (r, s) in the ASN.1 DER form JCA providers produce: a JWS verifier must not accept it.
        String t = KIT.token().alg(alg).sign();
        byte[] sig = signature(t);
        assertThat(reason(withSignature(t, derOfRaw(sig)))).isEqualTo(DenyReason.SIGNATURE_INVALID);
    }

    private static BigInteger order(JwsAlgorithm alg) {
        return ((ECPublicKey) KIT.signingKey(TokenBuilder.defaultKid(alg)).publicKey()).getParams().getOrder();
    }
}
