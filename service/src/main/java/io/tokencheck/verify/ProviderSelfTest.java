package io.tokencheck.verify;

import io.tokencheck.keys.JwsAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.EnumMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks at start-up that a provider really verifies before it is trusted with an algorithm: a signature made by
 * the JDK must verify through tokencheck's own verifier path, and a changed signature or input must not.
 * Keys are generated once per self-test run, signatures made with the JDK provider.
 */
final class ProviderSelfTest {
    private static final byte[] INPUT = ("eyJhbGciOiJub25lIn0.eyJpc3MiOiJodHRwczovL3Rva2VuY2hlY2suc2VsZi10ZXN0Iiwic3Vi"
            + "Ijoic2VsZi10ZXN0In0").getBytes(StandardCharsets.US_ASCII);

    private final Map<JwsAlgorithm.Family, KeyPair> pairs = new EnumMap<>(JwsAlgorithm.Family.class);
    private final Map<JwsAlgorithm, KeyPair> ecPairs = new EnumMap<>(JwsAlgorithm.class);
    private SecretKeySpec secret;

    /** True when the provider verifies a good signature of this algorithm and rejects bad ones. Never throws. */
    boolean passes(JwsAlgorithm alg, Provider provider) {
        try {
            Key verifyKey = alg.family() == JwsAlgorithm.Family.HMAC ? secret() : pair(alg).getPublic();
            byte[] sig = jdkSign(alg);
            KeyVerifier v = KeyVerifiers.prepare(alg, verifyKey, provider, 2);
            byte[] badSig = sig.clone();
            badSig[badSig.length / 2] ^= 0x01;
            byte[] badInput = INPUT.clone();
            badInput[badInput.length - 1] ^= 0x01;
            // Twice the good one: the pooled object must be reusable after an answer either way.
            return v.verify(INPUT, sig) && !v.verify(INPUT, badSig) && !v.verify(badInput, sig) && v.verify(INPUT, sig);
        } catch (GeneralSecurityException | RuntimeException | LinkageError e) {
            return false;
        }
    }

    private byte[] jdkSign(JwsAlgorithm alg) throws GeneralSecurityException {
        Provider jdk = ProviderCandidate.JDK.load(alg);
        if (jdk == null) {
            throw new GeneralSecurityException("the JDK has no provider for " + alg);
        }
        if (alg.family() == JwsAlgorithm.Family.HMAC) {
            Mac mac = Mac.getInstance(alg.jcaName(), jdk);
            mac.init(secret());
            return mac.doFinal(INPUT);
        }
        Signature s = Signature.getInstance(alg.jcaName(), jdk);
        if (KeyVerifiers.pss(alg) != null) {
            s.setParameter(KeyVerifiers.pss(alg));
        }
        PrivateKey priv = pair(alg).getPrivate();
        s.initSign(priv);
        s.update(INPUT);
        return s.sign();
    }

    private KeyPair pair(JwsAlgorithm alg) throws GeneralSecurityException {
        if (alg.family() == JwsAlgorithm.Family.EC) {
            KeyPair kp = ecPairs.get(alg);
            if (kp == null) {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec(switch (alg) {
                    case ES256 -> "secp256r1";
                    case ES384 -> "secp384r1";
                    default -> "secp521r1";
                }));
                kp = g.generateKeyPair();
                ecPairs.put(alg, kp);
            }
            return kp;
        }
        JwsAlgorithm.Family family = alg.family() == JwsAlgorithm.Family.RSA_PSS ? JwsAlgorithm.Family.RSA : alg.family();
        KeyPair kp = pairs.get(family);
        if (kp == null) {
            KeyPairGenerator g;
            if (family == JwsAlgorithm.Family.RSA) {
                g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
            } else {
                g = KeyPairGenerator.getInstance("Ed25519");
            }
            kp = g.generateKeyPair();
            pairs.put(family, kp);
        }
        return kp;
    }

    private SecretKeySpec secret() {
        if (secret == null) {
            byte[] b = new byte[64];
            new SecureRandom().nextBytes(b);
            secret = new SecretKeySpec(b, "HmacSHA256");
        }
        return secret;
    }
}
