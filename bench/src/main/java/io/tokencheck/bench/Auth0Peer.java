package io.tokencheck.bench;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.tokencheck.issuerkit.IssuerKit;
import io.tokencheck.issuerkit.TokenBuilder;
import io.tokencheck.keys.JwsAlgorithm;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;

/** auth0 java-jwt's JWTVerifier. It has no PS256 and no EdDSA, so only RS256, ES256 and HS256 are benchmarked. */
public final class Auth0Peer {
    private Auth0Peer() {
    }

    /** A verifier for tokens of this algorithm (RS256, ES256 or HS256). */
    public static PeerVerifier create(JwsAlgorithm alg, IssuerKit kit) {
        PublicKey key = alg.asymmetric() ? kit.signingKey(TokenBuilder.defaultKid(alg)).publicKey() : null;
        Algorithm algorithm = switch (alg) {
            case RS256 -> Algorithm.RSA256((RSAPublicKey) key, null);
            case ES256 -> Algorithm.ECDSA256((ECPublicKey) key, null);
            case HS256 -> Algorithm.HMAC256(kit.hmacSecret());
            default -> throw new IllegalArgumentException("auth0 java-jwt does not support " + alg);
        };
        JWTVerifier verifier = JWT.require(algorithm)
                .withIssuer(AccessTokens.ISSUER)
                .withAudience(AccessTokens.AUDIENCE)
                .withClaimPresence("exp")
                .acceptLeeway(AccessTokens.LEEWAY_SECONDS)
                .build();
        return token -> {
            DecodedJWT jwt = verifier.verify(token);
            return AccessTokens.grantsRequiredScope(jwt.getClaim("scope").asString()) ? jwt.getSubject() : null;
        };
    }
}
