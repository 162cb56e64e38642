package io.tokencheck.parse;

/**
 * The JOSE header members tokencheck reads.
 *
 * @param alg the alg value, exactly as sent (unescaped); never null on a parsed token
 * @param kid the kid, or null
 * @param typ the typ, or null
 */
public record JoseHeader(String alg, String kid, String typ) {
}
