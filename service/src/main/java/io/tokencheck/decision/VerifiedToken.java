package io.tokencheck.decision;

import io.tokencheck.keys.JwsAlgorithm;
import io.tokencheck.parse.JoseHeader;
import io.tokencheck.parse.TokenClaims;
import java.util.List;

/**
 * A token whose signature has been verified: what a cache hit needs to decide again without parsing or crypto.
 *
 * @param header        the JOSE header
 * @param claims        the claims
 * @param issuer        the issuer whose key verified it
 * @param alg           the algorithm it was verified with
 * @param keyThumbprint the thumbprint of the key that verified it (a hit is valid only while that key is published)
 * @param scopes        the scopes read from the issuer's scope claims
 * @param identity      what an allow passes upstream (claims only, so the same for every policy and every hit)
 */
record VerifiedToken(JoseHeader header, TokenClaims claims, TrustedIssuer issuer, JwsAlgorithm alg,
                     String keyThumbprint, List<String> scopes, Identity identity) {
}
