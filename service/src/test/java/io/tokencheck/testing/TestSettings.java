package io.tokencheck.testing;

import io.tokencheck.config.IssuerSettings;
import io.tokencheck.config.KeySourceSettings;
import io.tokencheck.config.PolicySettings;
import io.tokencheck.keys.JwsAlgorithm;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Settings records with the documented defaults, for unit tests that do not go through the YAML loader. */
public final class TestSettings {
    private TestSettings() {
    }

    /** An issuer with a JWKS URL, these audiences and all defaults (60 s leeway, scope/scp, exp required). */
    public static IssuerSettings issuer(String iss, String... audiences) {
        return new IssuerSettings(iss, iss, new KeySourceSettings.JwksUri(URI.create(iss + "/jwks.json")),
                List.of(audiences), Set.of(), Duration.ofSeconds(60), List.of("scope", "scp"), List.of(), true, null);
    }

    /** The same issuer with another leeway, required claims and token type. */
    public static IssuerSettings withRules(IssuerSettings i, long leewaySeconds, List<String> requiredClaims, String tokenType) {
        return new IssuerSettings(i.name(), i.issuer(), i.keys(), i.audiences(), i.algorithms(),
                Duration.ofSeconds(leewaySeconds), i.scopeClaims(), requiredClaims, i.requireExp(), tokenType);
    }

    /** The same issuer with another algorithm allow-list. */
    public static IssuerSettings withAlgorithms(IssuerSettings i, Set<JwsAlgorithm> algs) {
        return new IssuerSettings(i.name(), i.issuer(), i.keys(), i.audiences(), algs, i.leeway(), i.scopeClaims(),
                i.requiredClaims(), i.requireExp(), i.tokenType());
    }

    /** A policy with no requirements beyond the issuer's. */
    public static PolicySettings policy(String name) {
        return new PolicySettings(name, List.of(), List.of(), List.of(), List.of(), Map.of());
    }

    /** A policy requiring all of these scopes. */
    public static PolicySettings scopes(String name, String... scopes) {
        return new PolicySettings(name, List.of(), List.of(), List.of(scopes), List.of(), Map.of());
    }
}
