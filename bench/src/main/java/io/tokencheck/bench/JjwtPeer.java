package io.tokencheck.bench;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.JwtParserBuilder;
import io.jsonwebtoken.Jwts;
import io.tokencheck.issuerkit.IssuerKit;
import io.tokencheck.issuerkit.TokenBuilder;
import io.tokencheck.keys.JwsAlgorithm;
import java.security.PublicKey;
import javax.crypto.spec.SecretKeySpec;

/** jjwt's JwtParser (Jackson) with the token's key, required issuer and audience. */
public final class JjwtPeer {
    private JjwtPeer() {
    }

    /** A verifier for tokens of this algorithm. */
    public static PeerVerifier create(JwsAlgorithm alg, IssuerKit kit) {
        JwtParserBuilder builder = Jwts.parser();
        if (alg.asymmetric()) {
            PublicKey key = kit.signingKey(TokenBuilder.defaultKid(alg)).publicKey();
            builder.verifyWith(key);
        } else {
            builder.verifyWith(new SecretKeySpec(kit.hmacSecret(), alg.jcaName()));
        }
        JwtParser parser = builder
                .requireIssuer(AccessTokens.ISSUER)
                .requireAudience(AccessTokens.AUDIENCE)
                .clockSkewSeconds(AccessTokens.LEEWAY_SECONDS)
                .build();
        return token -> {
            Claims claims = parser.parseSignedClaims(token).getPayload();
            if (claims.getExpiration() == null) {
                return null;
            }
            return AccessTokens.grantsRequiredScope(claims.get("scope", String.class)) ? claims.getSubject() : null;
        };
    }
}
