package io.tokencheck.verify;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import io.tokencheck.keys.JwsAlgorithm;
import java.security.Provider;
import java.security.Security;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * A JCA provider tokencheck may verify with. Instances are held, never installed with
 * {@code Security.insertProviderAt}: that would change the crypto of every other library in the JVM.
 */
public enum ProviderCandidate {
    /** Amazon Corretto Crypto Provider (AWS-LC, native): Linux x86_64 here, loads its library on first use. */
    ACCP,
    /** BouncyCastle (pure Java): runs everywhere; faster than the JDK for Ed25519. */
    BOUNCY_CASTLE,
    /** The JDK's own providers (SunRsaSign, SunEC, SunJCE): the fallback that always loads. */
    JDK;

    /**
     * Candidates for an algorithm, fastest first, as measured with JMH on x86_64 and JDK 25 (verify of a 600-byte
     * input, initialised objects): RSA-2048 and P-256 ACCP well ahead of the JDK, BouncyCastle behind the JDK;
     * Ed25519 ACCP ahead of BouncyCastle, both far ahead of the JDK; HMAC-SHA256 the JDK (intrinsics, no JNI
     * crossing) ahead of ACCP.
     */
    static List<ProviderCandidate> preferenceFor(JwsAlgorithm alg) {
        return switch (alg.family()) {
            case RSA, RSA_PSS, EC -> List.of(ACCP, JDK);
            case OKP -> List.of(ACCP, BOUNCY_CASTLE, JDK);
            case HMAC -> List.of(JDK);
        };
    }

    /**
     * The provider instance for this algorithm, or null when it does not load here (another OS or CPU,
     * a missing jar). Never throws.
     */
    Provider load(JwsAlgorithm alg) {
        try {
            return switch (this) {
                case ACCP -> Accp.INSTANCE;
                case BOUNCY_CASTLE -> Bc.INSTANCE;
                case JDK -> jdk(alg);
            };
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }

    private static Provider jdk(JwsAlgorithm alg) {
        // By name, so that a library that put its own provider first in the global list does not become "the JDK".
        Provider p = Security.getProvider(switch (alg.family()) {
            case RSA, RSA_PSS -> "SunRsaSign";
            case EC, OKP -> "SunEC";
            case HMAC -> "SunJCE";
        });
        return p != null && p.getService(alg.family() == JwsAlgorithm.Family.HMAC ? "Mac" : "Signature", alg.jcaName()) != null
                ? p : null;
    }

    /** Loaded on first use only: ACCP unpacks and loads a native library. */
    private static final class Accp {
        static final Provider INSTANCE = load();

        private static Provider load() {
            AmazonCorrettoCryptoProvider p = AmazonCorrettoCryptoProvider.INSTANCE;
            if (p.getLoadingError() != null) {
                return null;
            }
            p.assertHealthy();
            return p;
        }
    }

    /** Loaded on first use only: building BouncyCastle's provider registers hundreds of algorithms. */
    private static final class Bc {
        static final Provider INSTANCE = new BouncyCastleProvider();
    }
}
