package io.tokencheck.bench;

/** Another JWT library configured for the same checks as tokencheck: issuer, audience, exp/nbf, signature, scope. */
@FunctionalInterface
public interface PeerVerifier {
    /** The token's subject when every check passes; throws or answers null otherwise. */
    String verify(String token) throws Exception;
}
