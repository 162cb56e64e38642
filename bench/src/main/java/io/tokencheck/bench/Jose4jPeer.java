package io.tokencheck.bench;

import io.tokencheck.issuerkit.IssuerKit;
import io.tokencheck.issuerkit.TokenBuilder;
import io.tokencheck.keys.JwsAlgorithm;
import java.security.Key;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;

/** jose4j's JwtConsumer with the token's key and only its algorithm permitted. */
public final class Jose4jPeer {
    private Jose4jPeer() {
    }

    /** A verifier for tokens of this algorithm. */
    public static PeerVerifier create(JwsAlgorithm alg, IssuerKit kit) {
        Key key = alg.asymmetric() ? kit.signingKey(TokenBuilder.defaultKid(alg)).publicKey() : new HmacKey(kit.hmacSecret());
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds((int) AccessTokens.LEEWAY_SECONDS)
                .setExpectedIssuer(AccessTokens.ISSUER)
                .setExpectedAudience(AccessTokens.AUDIENCE)
                .setVerificationKey(key)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, alg.name())
                .build();
        return token -> {
            JwtClaims claims = consumer.processToClaims(token);
            return AccessTokens.grantsRequiredScope(claims.getStringClaimValue("scope")) ? claims.getSubject() : null;
        };
    }
}
