package io.tokencheck.verify;

import io.tokencheck.keys.JwsAlgorithm;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** Turns a JCA key into a {@link KeyVerifier} for one algorithm and provider: the once-per-key work. */
final class KeyVerifiers {
    private KeyVerifiers() {
    }

    /**
     * A verifier for this algorithm, key and provider; {@link KeyVerifier.Unusable} when the key cannot serve the
     * algorithm with any provider (another key type, another curve).
     *
     * @throws GeneralSecurityException when this provider refuses the key or the algorithm
     */
    static KeyVerifier prepare(JwsAlgorithm alg, Key key, Provider provider, int poolSize)
            throws GeneralSecurityException {
        return switch (alg.family()) {
            case HMAC -> key instanceof SecretKey secret
                    ? new MacKeyVerifier(alg.jcaName(), alg.size(), provider, named(secret, alg.jcaName()), poolSize)
                    : KeyVerifier.Unusable.INSTANCE;
            case RSA, RSA_PSS -> key instanceof RSAPublicKey rsa
                    ? new SignatureKeyVerifier(alg.jcaName(), pss(alg), provider, nativeKey("RSA", rsa, provider),
                            JoseSignatureFormat.RsaModulusLength.of(rsa.getModulus()), poolSize)
                    : KeyVerifier.Unusable.INSTANCE;
            case EC -> key instanceof ECPublicKey ec && sameCurve(ec.getParams(), curveOf(alg))
                    ? new SignatureKeyVerifier(alg.jcaName(), null, provider, nativeKey("EC", ec, provider),
                            JoseSignatureFormat.EcdsaRawRs.of(ec.getParams().getOrder(), alg.size()), poolSize)
                    : KeyVerifier.Unusable.INSTANCE;
            case OKP -> key instanceof EdECPublicKey ed
                    && NamedParameterSpec.ED25519.getName().equalsIgnoreCase(ed.getParams().getName())
                    ? new SignatureKeyVerifier(alg.jcaName(), null, provider, nativeKey("Ed25519", ed, provider),
                            new JoseSignatureFormat.FixedLength(64), poolSize)
                    : KeyVerifier.Unusable.INSTANCE;
        };
    }

    /** The curve an ECDSA algorithm names (RFC 7518 3.4): ES256 is P-256 only, and so on. */
    static ECParameterSpec curveOf(JwsAlgorithm alg) {
        return switch (alg) {
            case ES256 -> Curves.P256;
            case ES384 -> Curves.P384;
            case ES512 -> Curves.P521;
            default -> throw new IllegalArgumentException(alg + " is not ECDSA");
        };
    }

    /** True when both describe the same curve (field, coefficients, generator, order, cofactor). */
    static boolean sameCurve(ECParameterSpec a, ECParameterSpec b) {
        return a.getCurve().equals(b.getCurve()) && a.getGenerator().equals(b.getGenerator())
                && a.getOrder().equals(b.getOrder()) && a.getCofactor() == b.getCofactor();
    }

    /** PSS parameters as RFC 7518 3.5 fixes them: MGF1 with the same hash, salt as long as the hash. */
    static PSSParameterSpec pss(JwsAlgorithm alg) {
        if (alg.family() != JwsAlgorithm.Family.RSA_PSS) {
            return null;
        }
        String hash = "SHA-" + (alg.size() * 8);
        return new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), alg.size(), PSSParameterSpec.TRAILER_FIELD_BC);
    }

    /**
     * The key as an object of the provider's own KeyFactory, so that {@code initVerify} does not convert it again;
     * the key as it is when the provider has no KeyFactory for it (it then converts on init, once per pooled object).
     */
    private static PublicKey nativeKey(String type, PublicKey key, Provider provider) {
        KeyFactory kf;
        try {
            kf = KeyFactory.getInstance(type, provider);
        } catch (GeneralSecurityException e) {
            return key;
        }
        try {
            return (PublicKey) kf.translateKey(key);
        } catch (InvalidKeyException | RuntimeException e) {
            try {
                return kf.generatePublic(new X509EncodedKeySpec(key.getEncoded()));
            } catch (GeneralSecurityException | RuntimeException e2) {
                return key;
            }
        }
    }

    /** Some providers check the secret's algorithm name against the Mac's; JWKS secrets carry whichever name. */
    private static SecretKey named(SecretKey secret, String macName) {
        if (macName.equalsIgnoreCase(secret.getAlgorithm())) {
            return secret;
        }
        byte[] raw = secret.getEncoded();
        try {
            return new SecretKeySpec(raw, macName);
        } finally {
            java.util.Arrays.fill(raw, (byte) 0);
        }
    }

    /** The JOSE curves, from the JDK's own tables (loaded on first ECDSA key). */
    private static final class Curves {
        static final ECParameterSpec P256 = named("secp256r1");
        static final ECParameterSpec P384 = named("secp384r1");
        static final ECParameterSpec P521 = named("secp521r1");

        private static ECParameterSpec named(String name) {
            try {
                AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
                p.init(new ECGenParameterSpec(name));
                return p.getParameterSpec(ECParameterSpec.class);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK does not know the JOSE curve " + name, e);
            }
        }
    }
}
