package io.tokencheck.bench;

import io.tokencheck.issuerkit.IssuerKit;
import io.tokencheck.issuerkit.TokenBuilder;
import io.tokencheck.keys.JwsAlgorithm;
import io.tokencheck.verify.CryptoProviders;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import javax.crypto.Mac;

/**
 * The crypto floor: one JCA Signature (or Mac) initialised once with the token's key, so that an operation is
 * only update + verify over the signing input. No verifier on the same provider can be faster.
 */
public final class RawVerifier {
    private final Signature signature;
    private final Mac mac;
    private final byte[] signingInput;
    private final byte[] signatureBytes;

    private RawVerifier(Signature signature, Mac mac, byte[] signingInput, byte[] signatureBytes) {
        this.signature = signature;
        this.mac = mac;
        this.signingInput = signingInput;
        this.signatureBytes = signatureBytes;
    }

    /** The JDK's own provider for this algorithm (what tokencheck falls back to). */
    public static Provider jdkProvider(JwsAlgorithm alg) {
        String name = switch (alg.family()) {
            case RSA, RSA_PSS -> "SunRsaSign";
            case EC, OKP -> "SunEC";
            case HMAC -> "SunJCE";
        };
        Provider p = Security.getProvider(name);
        if (p == null) {
            throw new IllegalStateException("no JDK provider " + name);
        }
        return p;
    }

    /** The provider tokencheck verifies this algorithm with: its own per-algorithm selection (fastest that passes). */
    public static Provider tokencheckProvider(JwsAlgorithm alg) {
        return CryptoProviders.selected().provider(alg);
    }

    /** A verifier on this provider for the signing input and signature of this token from the kit. */
    public static RawVerifier of(JwsAlgorithm alg, Provider provider, IssuerKit kit, String token) {
        int lastDot = token.lastIndexOf('.');
        byte[] input = token.substring(0, lastDot).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] sig = java.util.Base64.getUrlDecoder().decode(token.substring(lastDot + 1));
        IssuerKit.SigningKey key = kit.signingKey(TokenBuilder.defaultKid(alg));
        try {
            if (alg.family() == JwsAlgorithm.Family.HMAC) {
                Mac mac = Mac.getInstance(alg.jcaName(), provider);
                mac.init(key.secret());
                return new RawVerifier(null, mac, input, sig);
            }
            Signature s = Signature.getInstance(alg.jcaName(), provider);
            if (alg.family() == JwsAlgorithm.Family.RSA_PSS) {
                String hash = "SHA-" + (alg.size() * 8);
                s.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), alg.size(), 1));
            }
            s.initVerify(key.publicKey());
            RawVerifier v = new RawVerifier(s, null, input, sig);
            if (!v.verifies()) {
                throw new IllegalStateException("the raw " + alg + " verifier rejects a valid token");
            }
            return v;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up " + alg + " on " + provider.getName(), e);
        }
    }

    /** One verification: true when the signature is valid. */
    public boolean verifies() {
        try {
            signature.update(signingInput);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One MAC over the signing input (the comparison with the token's MAC is left to the caller). */
    public byte[] mac() {
        return mac.doFinal(signingInput);
    }

    /** True for an HMAC algorithm. */
    public boolean isMac() {
        return mac != null;
    }
}
