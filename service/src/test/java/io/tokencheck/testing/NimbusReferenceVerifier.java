package io.tokencheck.testing;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.tokencheck.issuerkit.IssuerKit;
import io.tokencheck.keys.JwsAlgorithm;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The reference verifier the fast path is compared with: nimbus-jose-jwt's DefaultJWTProcessor with the same keys,
 * algorithms, issuer, audience, expiry (with leeway) and scope checks. Returns allow/deny, never throws.
 */
public final class NimbusReferenceVerifier {
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final List<String> requiredScopes;

    /**
     * @param kit            the issuer whose public keys (and HMAC secret, under its kid) are trusted
     * @param algorithms     allowed algorithms
     * @param audience       the accepted audience
     * @param leewaySeconds  clock skew
     * @param requiredScopes scopes that must all be present in scope (space-delimited) or scp
     */
    public NimbusReferenceVerifier(IssuerKit kit, Set<JwsAlgorithm> algorithms, String audience, int leewaySeconds,
                                   List<String> requiredScopes) {
        JWKSet published = kit.publicJwks();
        List<com.nimbusds.jose.jwk.JWK> keys = new ArrayList<>(published.getKeys());
        keys.add(new OctetSequenceKey.Builder(kit.hmacSecret()).keyID(IssuerKit.HMAC_KID).build());
        Set<JWSAlgorithm> algs = new HashSet<>();
        for (JwsAlgorithm a : algorithms) {
            algs.add(JWSAlgorithm.parse(a.name()));
        }
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algs, new ImmutableJWKSet<>(new JWKSet(keys))));
        // tokencheck checks typ only when an issuer asks for one; accept what issuers send.
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                audience, new JWTClaimsSet.Builder().issuer(kit.issuer()).build(), Set.of("exp"));
        claims.setMaxClockSkew(leewaySeconds);
        processor.setJWTClaimsSetVerifier(claims);
        this.requiredScopes = List.copyOf(requiredScopes);
    }

    /** True when nimbus accepts the token (at the JVM's clock). */
    public boolean allows(String token) {
        try {
            JWTClaimsSet claims = processor.process(token, null);
            Set<String> scopes = new HashSet<>();
            Object scope = claims.getClaim("scope");
            if (scope instanceof String s) {
                scopes.addAll(List.of(s.split(" ")));
            }
            Object scp = claims.getClaim("scp");
            if (scp instanceof String s) {
                scopes.addAll(List.of(s.split(" ")));
            } else if (scp instanceof List<?> list) {
                list.forEach(o -> scopes.add(String.valueOf(o)));
            }
            return scopes.containsAll(requiredScopes);
        } catch (Exception e) {
            return false;
        }
    }
}
