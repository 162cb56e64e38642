package io.tokencheck.testing;

import io.tokencheck.issuerkit.IssuerKit;
import io.tokencheck.keys.JwsAlgorithm;
import io.tokencheck.keys.VerificationKey;
import java.util.EnumSet;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;

/** Verification keys taken straight from an IssuerKit, for tests of the units below the JWKS layer. */
public final class TestKeys {
    private TestKeys() {
    }

    /** The kit's public key of this kid, allowed for these algorithms. */
    public static VerificationKey of(IssuerKit kit, String kid, JwsAlgorithm... algs) {
        IssuerKit.SigningKey k = kit.signingKey(kid);
        Set<JwsAlgorithm> set = EnumSet.noneOf(JwsAlgorithm.class);
        set.addAll(java.util.List.of(algs));
        if (k.secret() != null) {
            return new VerificationKey(kid, set, new SecretKeySpec(k.secret().getEncoded(), "HmacSHA256"), "hmac-" + kid);
        }
        return new VerificationKey(kid, set, k.publicKey(), "test-" + kid);
    }

    /** The kit's key of this kid, allowed for exactly this algorithm. */
    public static VerificationKey forAlg(IssuerKit kit, JwsAlgorithm alg) {
        return of(kit, io.tokencheck.issuerkit.TokenBuilder.defaultKid(alg), alg);
    }
}
