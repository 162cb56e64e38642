package io.tokencheck.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.proc.SingleKeyJWSKeySelector;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.tokencheck.issuerkit.IssuerKit;
import io.tokencheck.issuerkit.TokenBuilder;
import io.tokencheck.keys.JwsAlgorithm;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;

/**
 * nimbus-jose-jwt: DefaultJWTProcessor over the issuer's JWKS (HMAC: the one secret), default 60 s clock skew.
 * Its key selector cannot hand out Ed25519 (OKP) keys, so EdDSA goes the way Nimbus documents for it:
 * SignedJWT.parse, Ed25519Verifier (Tink), then the same DefaultJWTClaimsVerifier.
 */
public final class NimbusPeer {
    private NimbusPeer() {
    }

    /** A verifier for tokens of this algorithm. */
    public static PeerVerifier create(JwsAlgorithm alg, IssuerKit kit) {
        DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier = new DefaultJWTClaimsVerifier<>(AccessTokens.AUDIENCE,
                new JWTClaimsSet.Builder().issuer(AccessTokens.ISSUER).build(), Set.of("exp", "sub"));
        if (alg == JwsAlgorithm.EdDSA) {
            return ed25519(kit, claimsVerifier);
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        JWSAlgorithm nimbusAlg = JWSAlgorithm.parse(alg.name());
        processor.setJWSKeySelector(alg.asymmetric()
                ? new JWSVerificationKeySelector<>(nimbusAlg, new ImmutableJWKSet<>(kit.publicJwks()))
                : new SingleKeyJWSKeySelector<>(nimbusAlg, new SecretKeySpec(kit.hmacSecret(), alg.jcaName())));
        processor.setJWTClaimsSetVerifier(claimsVerifier);
        return token -> scoped(processor.process(token, null));
    }

    private static PeerVerifier ed25519(IssuerKit kit, DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier) {
        String kid = TokenBuilder.defaultKid(JwsAlgorithm.EdDSA);
        Ed25519Verifier verifier;
        try {
            verifier = new Ed25519Verifier((OctetKeyPair) kit.publicJwks().getKeyByKeyId(kid));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return token -> {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.EdDSA.equals(jwt.getHeader().getAlgorithm()) || !kid.equals(jwt.getHeader().getKeyID())
                    || !jwt.verify(verifier)) {
                throw new BadJOSEException("signature rejected");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            claimsVerifier.verify(claims, null);
            return scoped(claims);
        };
    }

    private static String scoped(JWTClaimsSet claims) throws java.text.ParseException {
        return AccessTokens.grantsRequiredScope(claims.getStringClaim("scope")) ? claims.getSubject() : null;
    }
}
