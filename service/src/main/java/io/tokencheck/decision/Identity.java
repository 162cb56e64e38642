package io.tokencheck.decision;

import java.util.List;
import java.util.Map;

/**
 * Who the verified caller is, as passed to the upstream.
 *
 * @param subject      sub, or null
 * @param issuer       iss
 * @param audiences    aud
 * @param scopes       granted scopes
 * @param clientId     client_id (or azp when there is no client_id), or null
 * @param expiresAt    exp (epoch seconds), or null
 * @param issuedAt     iat (epoch seconds), or null
 * @param notBefore    nbf (epoch seconds), or null
 * @param tokenId      jti, or null
 * @param extraHeaders configured claim-to-header mappings with their values (only claims present as string, number or bool)
 */
public record Identity(
        String subject,
        String issuer,
        List<String> audiences,
        List<String> scopes,
        String clientId,
        Long expiresAt,
        Long issuedAt,
        Long notBefore,
        String tokenId,
        Map<String, String> extraHeaders) {

    /** Without nbf (the shape before introspection reported it). */
    public Identity(String subject, String issuer, List<String> audiences, List<String> scopes, String clientId,
            Long expiresAt, Long issuedAt, String tokenId, Map<String, String> extraHeaders) {
        this(subject, issuer, audiences, scopes, clientId, expiresAt, issuedAt, null, tokenId, extraHeaders);
    }
}
