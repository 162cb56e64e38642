package io.tokencheck.verify;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Provider;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/** An HMAC secret ready for one JWS algorithm: initialised {@link Mac} objects from a pool, constant-time comparison. */
final class MacKeyVerifier implements KeyVerifier {
    private final String jcaName;
    private final Provider provider;
    private final SecretKey secret;
    private final int macLength;
    private final InstancePool<Mac> pool;

    /** Builds one Mac right away, so that a provider that refuses the secret does so here and not per request. */
    MacKeyVerifier(String jcaName, int macLength, Provider provider, SecretKey secret, int poolSize)
            throws GeneralSecurityException {
        this.jcaName = jcaName;
        this.macLength = macLength;
        this.provider = provider;
        this.secret = secret;
        this.pool = new InstancePool<>(poolSize);
        pool.give(newMac());
    }

    @Override
    public boolean verify(SigningInput signingInput, byte[] signature) throws GeneralSecurityException {
        if (signature.length != macLength) {
            return false;
        }
        Mac mac = pool.take();
        if (mac == null) {
            mac = newMac();
        }
        byte[] expected;
        try {
            // doFinal resets the Mac to its initialised state, ready for the next request.
            int n;
            while ((n = signingInput.next()) > 0) {
                mac.update(signingInput.chunk(), 0, n);
            }
            if (n < 0) {
                return false; // not ASCII: refused, and the half-fed Mac is not pooled again
            }
            expected = mac.doFinal();
        } catch (RuntimeException e) {
            return false;
        }
        pool.give(mac);
        // Constant time, so that the comparison does not leak how many leading bytes matched.
        return MessageDigest.isEqual(expected, signature);
    }

    @Override
    public String providerName() {
        return provider.getName();
    }

    /** The pool (for tests). */
    InstancePool<Mac> pool() {
        return pool;
    }

    private Mac newMac() throws GeneralSecurityException {
        Mac mac = Mac.getInstance(jcaName, provider);
        mac.init(secret);
        return mac;
    }
}
