package io.tokencheck.parse;

import java.util.List;
import java.util.Map;

/**
 * The registered claims tokencheck reads, plus the named claims it was asked for.
 * Numeric dates are epoch seconds, {@link #ABSENT} when the claim is not there.
 *
 * @param iss      issuer, or null
 * @param sub      subject, or null
 * @param aud      audiences (a single string becomes a one-element list); empty when absent
 * @param exp      expiry
 * @param nbf      not-before
 * @param iat      issued-at
 * @param jti      token id, or null
 * @param clientId client_id, or null
 * @param azp      authorized party, or null
 * @param named    the named claims that are present (absent ones are not in the map)
 */
public record TokenClaims(
        String iss,
        String sub,
        List<String> aud,
        long exp,
        long nbf,
        long iat,
        String jti,
        String clientId,
        String azp,
        Map<String, ClaimValue> named) {

    /** Marks a numeric date claim that is not present. */
    public static final long ABSENT = Long.MIN_VALUE;

    /** True when the token has this claim, registered or named. */
    public boolean has(String claim) {
        return switch (claim) {
            case "iss" -> iss != null;
            case "sub" -> sub != null;
            case "aud" -> !aud.isEmpty();
            case "exp" -> exp != ABSENT;
            case "nbf" -> nbf != ABSENT;
            case "iat" -> iat != ABSENT;
            case "jti" -> jti != null;
            case "client_id" -> clientId != null;
            case "azp" -> azp != null;
            default -> named.containsKey(claim);
        };
    }
}
