package io.tokencheck.parse;

import java.nio.charset.StandardCharsets;

/**
 * A structurally valid compact JWS with the header members and claims the decision needs.
 *
 * @param header             the protected header
 * @param claims             the claims read from the payload
 * @param token              the token as received
 * @param signingInputLength where the second dot is: the signature covers {@code token[0, signingInputLength)}, all
 *                           ASCII (both segments are canonical base64url), which the verifier reads from the token
 *                           itself instead of a copy
 * @param signature          the decoded signature bytes (may be empty)
 */
public record ParsedToken(JoseHeader header, TokenClaims claims, String token, int signingInputLength, byte[] signature)
        implements ParseResult {

    /** The ASCII bytes of "header.payload", exactly as received (a fresh copy; the decision does not need one). */
    public byte[] signingInput() {
        return token.substring(0, signingInputLength).getBytes(StandardCharsets.US_ASCII);
    }

    /** Without the token: a token must never end up in a log whole. */
    @Override
    public String toString() {
        return "ParsedToken[header=" + header + ", claims=" + claims + ", signingInputLength=" + signingInputLength
                + ", signature=" + signature.length + " bytes]";
    }
}
