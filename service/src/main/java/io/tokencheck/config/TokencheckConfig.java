package io.tokencheck.config;

import java.util.List;
import java.util.Map;

/**
 * The whole validated configuration, as read from one YAML file plus environment overrides.
 *
 * @param server        listener settings
 * @param limits        request and token size limits
 * @param jwks          key fetching and caching settings shared by all issuers
 * @param issuers       trusted issuers, at least one
 * @param policies      named policies by name (may be empty: then an implicit "default" policy trusts every issuer)
 * @param defaultPolicy name of the policy that /check without a name uses
 * @param claimHeaders  response header name to claim name, added on allow
 * @param tokenCache    the verified-token cache
 * @param routes        method/host/path rules that pick the policy for /check (empty: /check uses defaultPolicy)
 * @param introspection the RFC 7662 endpoint's clients (none: POST /introspect is disabled)
 */
public record TokencheckConfig(
        ServerSettings server,
        LimitSettings limits,
        JwksSettings jwks,
        List<IssuerSettings> issuers,
        Map<String, PolicySettings> policies,
        String defaultPolicy,
        Map<String, String> claimHeaders,
        TokenCacheSettings tokenCache,
        List<RouteSettings> routes,
        IntrospectionSettings introspection) {

    /** A configuration without the introspection endpoint. */
    public TokencheckConfig(ServerSettings server, LimitSettings limits, JwksSettings jwks, List<IssuerSettings> issuers,
                            Map<String, PolicySettings> policies, String defaultPolicy, Map<String, String> claimHeaders,
                            TokenCacheSettings tokenCache, List<RouteSettings> routes) {
        this(server, limits, jwks, issuers, policies, defaultPolicy, claimHeaders, tokenCache, routes,
                IntrospectionSettings.DISABLED);
    }

    /** A configuration without routes. */
    public TokencheckConfig(ServerSettings server, LimitSettings limits, JwksSettings jwks, List<IssuerSettings> issuers,
                            Map<String, PolicySettings> policies, String defaultPolicy, Map<String, String> claimHeaders,
                            TokenCacheSettings tokenCache) {
        this(server, limits, jwks, issuers, policies, defaultPolicy, claimHeaders, tokenCache, List.of());
    }

    /** A configuration with the default token cache. */
    public TokencheckConfig(ServerSettings server, LimitSettings limits, JwksSettings jwks, List<IssuerSettings> issuers,
                            Map<String, PolicySettings> policies, String defaultPolicy, Map<String, String> claimHeaders) {
        this(server, limits, jwks, issuers, policies, defaultPolicy, claimHeaders, TokenCacheSettings.DEFAULT, List.of());
    }
}
