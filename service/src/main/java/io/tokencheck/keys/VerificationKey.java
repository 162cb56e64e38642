package io.tokencheck.keys;

import java.security.Key;
import java.util.Set;

/**
 * One key, ready to verify: built once per JWKS refresh, never per request.
 *
 * @param kid        the JWK kid, or null when the key has none
 * @param algorithms the algorithms this key may serve (its type, its JWK alg/use and the issuer's allow-list combined)
 * @param key        the JCA key (PublicKey, or SecretKey for HMAC)
 * @param thumbprint RFC 7638 thumbprint of the public key (or a digest of the secret), to tell keys apart across refreshes
 */
public record VerificationKey(String kid, Set<JwsAlgorithm> algorithms, Key key, String thumbprint) {
    /** True when this key may be used for the algorithm. */
    public boolean allows(JwsAlgorithm alg) {
        return algorithms.contains(alg);
    }
}
