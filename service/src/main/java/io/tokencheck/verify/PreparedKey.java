package io.tokencheck.verify;

import io.tokencheck.keys.JwsAlgorithm;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The verifier state of one key, per algorithm, built on the key's first use and kept while the key lives.
 * Holds the JCA key, never the {@code VerificationKey} it came from (that is the weak cache key).
 */
final class PreparedKey {
    private static final Logger LOG = Logger.getLogger(PreparedKey.class.getName());

    private final Key key;
    private final AtomicReferenceArray<KeyVerifier> byAlgorithm = new AtomicReferenceArray<>(JwsAlgorithm.values().length);

    PreparedKey(Key key) {
        this.key = key;
    }

    /** The verifier for this algorithm, built on first use. */
    KeyVerifier verifier(JwsAlgorithm alg, CryptoProviders providers, int poolSize) {
        KeyVerifier v = byAlgorithm.get(alg.ordinal());
        if (v == null) {
            // Two racing requests may both build one; one wins, the other's is dropped. Nothing is shared meanwhile.
            byAlgorithm.compareAndSet(alg.ordinal(), null, build(alg, providers, poolSize));
            v = byAlgorithm.get(alg.ordinal());
        }
        return v;
    }

    private KeyVerifier build(JwsAlgorithm alg, CryptoProviders providers, int poolSize) {
        CryptoProviders.Choice choice = providers.choices().get(alg);
        try {
            return KeyVerifiers.prepare(alg, key, choice.provider(), poolSize);
        } catch (GeneralSecurityException | RuntimeException e) {
            if (choice.candidate() == ProviderCandidate.JDK) {
                return KeyVerifier.Unusable.INSTANCE;
            }
            // A key the fast provider refuses (an unusual size or exponent) is still checked, by the JDK's provider.
            LOG.log(Level.FINE, () -> choice.providerName() + " refuses a " + key.getAlgorithm() + " key for " + alg
                    + " (" + e + "); the JDK's provider verifies with it");
        }
        try {
            var jdk = ProviderCandidate.JDK.load(alg);
            return jdk == null ? KeyVerifier.Unusable.INSTANCE : KeyVerifiers.prepare(alg, key, jdk, poolSize);
        } catch (GeneralSecurityException | RuntimeException e) {
            return KeyVerifier.Unusable.INSTANCE;
        }
    }
}
