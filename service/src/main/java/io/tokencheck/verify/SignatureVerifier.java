package io.tokencheck.verify;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tokencheck.keys.JwsAlgorithm;
import io.tokencheck.keys.VerificationKey;
import java.security.GeneralSecurityException;
import java.security.interfaces.ECPublicKey;

/**
 * Checks a JWS signature with one key. Does the JOSE-specific checks itself and strictly (exact signature lengths,
 * ECDSA raw R || S with 1 <= r, s < n on the algorithm's own curve) before handing bytes to the JCA provider that
 * {@link CryptoProviders} chose for the algorithm. Keys are made ready once (provider key object, pooled initialised
 * Signature/Mac objects), not per call. Thread-safe. Never throws: any provider error is an invalid signature.
 */
public final class SignatureVerifier {
    // Bounds the prepared state if keys churn faster than the collector clears them; JWKS hold a few keys each.
    private static final long MAX_PREPARED_KEYS = 10_000;

    private final CryptoProviders providers;
    private final int poolSize;
    // Weak keys compare by identity: a JWKS refresh makes new VerificationKey objects, the old state goes with the old keys.
    private final Cache<VerificationKey, PreparedKey> prepared =
            Caffeine.newBuilder().weakKeys().maximumSize(MAX_PREPARED_KEYS).build();

    /**
     * A verifier with the process-wide provider selection ({@link CryptoProviders#selected()}), taken on first use so
     * that constructing one does not wait for the selection.
     */
    public SignatureVerifier() {
        this(null, InstancePool.DEFAULT_SLOTS);
    }

    /** A verifier with this provider selection. */
    public SignatureVerifier(CryptoProviders providers) {
        this(providers, InstancePool.DEFAULT_SLOTS);
    }

    SignatureVerifier(CryptoProviders providers, int poolSize) {
        this.providers = providers;
        this.poolSize = poolSize;
    }

    /** The providers this verifier uses. */
    public CryptoProviders providers() {
        return providers != null ? providers : CryptoProviders.selected();
    }

    /** True only when the signature over the signing input is valid for this algorithm and key. */
    public boolean verify(JwsAlgorithm alg, VerificationKey key, byte[] signingInput, byte[] signature) {
        return verify(alg, key, SigningInput.of(signingInput), signature);
    }

    /**
     * True only when the signature over the signing input is valid for this algorithm and key. The input is read once:
     * to try another key, make another (a token's is {@code SigningInput.ofAscii(token, secondDot)}, never copied whole).
     */
    public boolean verify(JwsAlgorithm alg, VerificationKey key, SigningInput signingInput, byte[] signature) {
        if (!key.allows(alg)) {
            return false;
        }
        try {
            return keyVerifier(alg, key).verify(signingInput, signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            // A provider that chokes on hostile bytes is a failed verification, not an error to surface.
            return false;
        }
    }

    /** The prepared verifier for this key and algorithm (for tests). */
    KeyVerifier keyVerifier(JwsAlgorithm alg, VerificationKey key) {
        return prepared.get(key, k -> new PreparedKey(k.key())).verifier(alg, providers(), poolSize);
    }

    /** JOSE ECDSA signatures are R || S, each exactly the coordinate length, with 1 <= r, s < n (no "psychic" zero signatures). */
    static boolean ecSignatureOk(JwsAlgorithm alg, ECPublicKey key, byte[] sig) {
        if (alg.family() != JwsAlgorithm.Family.EC || !KeyVerifiers.sameCurve(key.getParams(), KeyVerifiers.curveOf(alg))) {
            return false; // key of another curve than the algorithm names
        }
        return JoseSignatureFormat.EcdsaRawRs.of(key.getParams().getOrder(), alg.size()).accepts(sig);
    }
}
