package io.tokencheck.decision;

import io.tokencheck.config.IssuerSettings;
import io.tokencheck.keys.JwsAlgorithm;
import io.tokencheck.keys.KeyResolver;
import io.tokencheck.policy.IssuerRules;
import io.tokencheck.policy.ScopeReader;
import java.util.EnumSet;
import java.util.Set;

/**
 * One configured issuer as the decision needs it: its keys, allowed algorithms, claim rules and scope claims.
 *
 * @param name       configured name
 * @param issuer     exact iss value
 * @param algorithms allowed algorithms
 * @param keys       where its keys come from
 * @param rules      its claim checks
 * @param scopes     how to read its scopes
 */
public record TrustedIssuer(
        String name, String issuer, Set<JwsAlgorithm> algorithms, KeyResolver keys, IssuerRules rules, ScopeReader scopes) {

    /** Builds the decision's view of an issuer from its settings and a key resolver. */
    public static TrustedIssuer of(IssuerSettings settings, KeyResolver keys) {
        Set<JwsAlgorithm> algs = settings.algorithms().isEmpty()
                ? (settings.keys() instanceof io.tokencheck.config.KeySourceSettings.HmacSecrets
                        ? JwsAlgorithm.hmacSet() : JwsAlgorithm.asymmetricSet())
                : EnumSet.copyOf(settings.algorithms());
        return new TrustedIssuer(settings.name(), settings.issuer(), Set.copyOf(algs), keys,
                IssuerRules.compile(settings), new ScopeReader(settings.scopeClaims()));
    }
}
