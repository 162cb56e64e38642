package io.tokencheck.policy;

import io.tokencheck.parse.JoseHeader;
import io.tokencheck.parse.TokenClaims;
import java.util.List;

/**
 * What rules look at: a signature-verified token, its scopes and the verification time.
 *
 * @param header     the JOSE header
 * @param claims     the claims
 * @param issuerName the configured name of the issuer that signed it
 * @param scopes     the scopes from the issuer's scope claims, in token order, without duplicates
 * @param now        verification time, epoch seconds
 */
public record TokenFacts(JoseHeader header, TokenClaims claims, String issuerName, List<String> scopes, long now) {
}
