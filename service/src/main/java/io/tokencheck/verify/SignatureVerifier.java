package io.tokencheck.verify;

import io.tokencheck.keys.JwsAlgorithm;
import io.tokencheck.keys.VerificationKey;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * Checks a JWS signature with one key. Does the JOSE-specific checks itself and strictly
 * (exact signature lengths, ECDSA 1 <= r, s < n) before handing bytes to the JCA provider.
 * Never throws: any provider error is an invalid signature.
 */
public final class SignatureVerifier {
    private static final PSSParameterSpec PSS256 = pss(JwsAlgorithm.PS256);
    private static final PSSParameterSpec PSS384 = pss(JwsAlgorithm.PS384);
    private static final PSSParameterSpec PSS512 = pss(JwsAlgorithm.PS512);

    /** True only when the signature over the signing input is valid for this algorithm and key. */
    public boolean verify(JwsAlgorithm alg, VerificationKey key, byte[] signingInput, byte[] signature) {
        if (!key.allows(alg)) {
            return false;
        }
        try {
            return switch (alg.family()) {
                case HMAC -> verifyMac(alg, (SecretKey) key.key(), signingInput, signature);
                case RSA, RSA_PSS -> rsaLengthOk((RSAPublicKey) key.key(), signature)
                        && verifySignature(alg, key, signingInput, signature);
                case EC -> ecSignatureOk(alg, (ECPublicKey) key.key(), signature)
                        && verifySignature(alg, key, signingInput, signature);
                case OKP -> signature.length == 64 && verifySignature(alg, key, signingInput, signature);
            };
        } catch (GeneralSecurityException | RuntimeException e) {
            // A provider that chokes on hostile bytes is a failed verification, not an error to surface.
            return false;
        }
    }

    private static boolean verifySignature(JwsAlgorithm alg, VerificationKey key, byte[] input, byte[] sig)
            throws GeneralSecurityException {
        Signature s = Signature.getInstance(alg.jcaName());
        if (alg.family() == JwsAlgorithm.Family.RSA_PSS) {
            s.setParameter(switch (alg) {
                case PS256 -> PSS256;
                case PS384 -> PSS384;
                default -> PSS512;
            });
        }
        s.initVerify((java.security.PublicKey) key.key());
        s.update(input);
        return s.verify(sig);
    }

    private static boolean verifyMac(JwsAlgorithm alg, SecretKey secret, byte[] input, byte[] sig)
            throws GeneralSecurityException {
        if (sig.length != alg.size()) {
            return false;
        }
        Mac mac = Mac.getInstance(alg.jcaName());
        mac.init(secret);
        byte[] expected = mac.doFinal(input);
        // Constant time, so that the comparison does not leak how many leading bytes matched.
        return MessageDigest.isEqual(expected, sig);
    }

    /** RSA signatures are exactly the modulus length (RFC 8017 8.2.2 step 1). */
    private static boolean rsaLengthOk(RSAPublicKey key, byte[] sig) {
        return sig.length == (key.getModulus().bitLength() + 7) / 8;
    }

    /** JOSE ECDSA signatures are R || S, each exactly the coordinate length, with 1 <= r, s < n (no "psychic" zero signatures). */
    static boolean ecSignatureOk(JwsAlgorithm alg, ECPublicKey key, byte[] sig) {
        int half = alg.size();
        if (sig.length != 2 * half) {
            return false;
        }
        int fieldBytes = (key.getParams().getCurve().getField().getFieldSize() + 7) / 8;
        if (fieldBytes != half) {
            return false; // key of another curve than the algorithm names
        }
        BigInteger n = key.getParams().getOrder();
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(sig, 0, half));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, half, sig.length));
        return r.signum() > 0 && s.signum() > 0 && r.compareTo(n) < 0 && s.compareTo(n) < 0;
    }

    private static PSSParameterSpec pss(JwsAlgorithm alg) {
        String hash = "SHA-" + (alg.size() * 8);
        return new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), alg.size(), PSSParameterSpec.TRAILER_FIELD_BC);
    }
}
