package io.tokencheck.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.tokencheck.issuerkit.IssuerKit;
import io.tokencheck.keys.JwsAlgorithm;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The reference verifier the fast path is compared with: nimbus-jose-jwt's DefaultJWTProcessor with the same keys,
 * algorithms, issuer, audience, expiry (with leeway) and scope checks. Returns allow/deny, never throws.
 * EdDSA goes through nimbus's own Ed25519Verifier (Tink), since the processor's key selection only yields JCA keys.
 */
public final class NimbusReferenceVerifier {
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final DefaultJOSEObjectTypeVerifier<SecurityContext> typeVerifier =
            new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null);
    private final List<String> requiredScopes;
    private final JWKSet trusted;
    private final boolean eddsa;
    private final DefaultJWTClaimsVerifier<SecurityContext> claims;

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
        trusted = new JWKSet(keys);
        eddsa = algs.contains(JWSAlgorithm.EdDSA);
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algs, new ImmutableJWKSet<>(trusted)));
        // tokencheck checks typ only when an issuer asks for one; accept what issuers send.
        processor.setJWSTypeVerifier(typeVerifier);
        claims = new DefaultJWTClaimsVerifier<>(
                audience, new JWTClaimsSet.Builder().issuer(kit.issuer()).build(), Set.of("exp"));
        claims.setMaxClockSkew(leewaySeconds);
        processor.setJWTClaimsSetVerifier(claims);
        this.requiredScopes = List.copyOf(requiredScopes);
    }

    /** True when nimbus accepts the token (at the JVM's clock). */
    public boolean allows(String token) {
        try {
            JWTClaimsSet claims = process(token);
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

    private JWTClaimsSet process(String token) throws ParseException, BadJOSEException, JOSEException {
        if (!eddsa || !token.startsWith("eyJ")) {
            return processor.process(token, null);
        }
        SignedJWT jwt = SignedJWT.parse(token);
        JWSHeader header = jwt.getHeader();
        if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
            return processor.process(jwt, null);
        }
        typeVerifier.verify(header.getType(), null);
        // The same key matching the processor's selector does (kid, kty, use, alg from the header).
        for (JWK key : new JWKSelector(JWKMatcher.forJWSHeader(header)).select(trusted)) {
            if (key instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())
                    && jwt.verify(new Ed25519Verifier(okp.toPublicJWK()))) {
                JWTClaimsSet claimsSet = jwt.getJWTClaimsSet();
                claims.verify(claimsSet, null);
                return claimsSet;
            }
        }
        throw new BadJOSEException("no Ed25519 key verifies the signature");
    }
}
