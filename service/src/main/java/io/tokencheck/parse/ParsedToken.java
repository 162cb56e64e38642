package io.tokencheck.parse;

/**
 * A structurally valid compact JWS with the header members and claims the decision needs.
 *
 * @param header       the protected header
 * @param claims       the claims read from the payload
 * @param signingInput the ASCII bytes of "header.payload", exactly as received (what the signature covers)
 * @param signature    the decoded signature bytes (may be empty)
 */
public record ParsedToken(JoseHeader header, TokenClaims claims, byte[] signingInput, byte[] signature)
        implements ParseResult {
}
