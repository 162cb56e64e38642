package io.tokencheck.config;

import io.tokencheck.keys.JwsAlgorithm;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One trusted issuer.
 *
 * @param name           short name that policies refer to (default: the issuer string)
 * @param issuer         the exact iss value
 * @param keys           where its keys come from
 * @param audiences      accepted audiences; the token's aud must contain at least one (required, non-empty)
 * @param algorithms     allowed algorithms (default: all asymmetric ones, or all HMAC ones for hmac_secrets)
 * @param leeway         clock leeway for exp, nbf and iat (default 60s)
 * @param scopeClaims    claims that carry scopes (default scope, scp)
 * @param requiredClaims claims that must be present (default none)
 * @param requireExp     whether exp is required (default true)
 * @param tokenType      required typ header, e.g. at+jwt (default null: not checked)
 */
public record IssuerSettings(
        String name,
        String issuer,
        KeySourceSettings keys,
        List<String> audiences,
        Set<JwsAlgorithm> algorithms,
        Duration leeway,
        List<String> scopeClaims,
        List<String> requiredClaims,
        boolean requireExp,
        String tokenType) {
}
