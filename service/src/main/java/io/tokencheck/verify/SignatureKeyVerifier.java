package io.tokencheck.verify;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.AlgorithmParameterSpec;

/**
 * A public key ready for one JWS algorithm: the JOSE shape check, then an initialised {@link Signature} from a pool,
 * so that a request pays neither {@code Signature.getInstance} nor {@code initVerify}.
 */
final class SignatureKeyVerifier implements KeyVerifier {
    private final String jcaName;
    private final AlgorithmParameterSpec params;
    private final Provider provider;
    private final PublicKey key;
    private final JoseSignatureFormat format;
    private final InstancePool<Signature> pool;

    /**
     * Builds one Signature right away, so that a provider that refuses the key does so here and not per request.
     *
     * @param params PSS parameters, or null
     * @param key    a key object of the provider's own KeyFactory where it has one
     */
    SignatureKeyVerifier(String jcaName, AlgorithmParameterSpec params, Provider provider, PublicKey key,
                         JoseSignatureFormat format, int poolSize) throws GeneralSecurityException {
        this.jcaName = jcaName;
        this.params = params;
        this.provider = provider;
        this.key = key;
        this.format = format;
        this.pool = new InstancePool<>(poolSize);
        pool.give(newSignature());
    }

    @Override
    public boolean verify(SigningInput signingInput, byte[] signature) throws GeneralSecurityException {
        if (!format.accepts(signature)) {
            return false;
        }
        Signature s = pool.take();
        if (s == null) {
            s = newSignature();
        }
        boolean valid;
        try {
            int n;
            while ((n = signingInput.next()) > 0) {
                s.update(signingInput.chunk(), 0, n);
            }
            if (n < 0) {
                return false; // not ASCII: refused, and the half-fed object is not pooled again
            }
            // verify() returns the object to its initialised state (JCA contract), whatever the answer.
            valid = s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            // After an exception the object's state is the provider's business: never pool it again.
            return false;
        }
        pool.give(s);
        return valid;
    }

    @Override
    public String providerName() {
        return provider.getName();
    }

    /** The pool (for tests). */
    InstancePool<Signature> pool() {
        return pool;
    }

    private Signature newSignature() throws GeneralSecurityException {
        Signature s = Signature.getInstance(jcaName, provider);
        if (params != null) {
            s.setParameter(params);
        }
        s.initVerify(key);
        return s;
    }
}
