package io.tokencheck.config;

import java.util.List;
import java.util.Map;

/**
 * A named policy: per-route requirements on top of the issuer's own checks.
 *
 * @param name           the policy name, as used in /check/{name}
 * @param issuers        issuer names this policy trusts (empty: all configured issuers)
 * @param audiences      the token's aud must contain at least one of these (empty: only the issuer's audiences apply)
 * @param requiredScopes every one of these scopes is required
 * @param anyScopes      at least one of these scopes is required (empty: no such check)
 * @param claimValues    claim name to accepted values; the claim must be present and equal one of them
 */
public record PolicySettings(
        String name,
        List<String> issuers,
        List<String> audiences,
        List<String> requiredScopes,
        List<String> anyScopes,
        Map<String, List<String>> claimValues) {
}
