package io.tokencheck.policy;

import io.tokencheck.config.PolicySettings;
import io.tokencheck.parse.ClaimValue;
import io.tokencheck.parse.TokenClaims;
import io.tokencheck.reason.DenyReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A named policy compiled into rules: which issuers it trusts, required audiences, scopes (all-of, any-of)
 * and required claim values.
 */
public final class RoutePolicy {
    private static final PolicyOutcome ISSUER = new PolicyOutcome.Fail(DenyReason.ISSUER_NOT_TRUSTED);
    private static final PolicyOutcome AUDIENCE = new PolicyOutcome.Fail(DenyReason.AUDIENCE_MISMATCH);
    private static final PolicyOutcome CLAIM = new PolicyOutcome.Fail(DenyReason.CLAIM_MISMATCH);

    private final String name;
    private final Set<String> issuerNames;
    /** An array, walked by index: no iterator per request. */
    private final ClaimRule[] rules;

    private RoutePolicy(String name, Set<String> issuerNames, List<ClaimRule> rules) {
        this.name = name;
        this.issuerNames = issuerNames;
        this.rules = rules.toArray(ClaimRule[]::new);
    }

    /** Compiles a policy; an empty issuer list means every configured issuer. */
    public static RoutePolicy compile(PolicySettings settings) {
        List<ClaimRule> rules = new ArrayList<>();
        Set<String> issuers = Set.copyOf(settings.issuers());
        if (!settings.audiences().isEmpty()) {
            Set<String> audiences = Set.copyOf(settings.audiences());
            rules.add(f -> IssuerRules.intersects(f.claims().aud(), audiences) ? PolicyOutcome.PASS : AUDIENCE);
        }
        if (!settings.requiredScopes().isEmpty()) {
            // Arrays and indexed loops: no iterator per request, whatever list the scopes come in.
            String[] required = settings.requiredScopes().toArray(String[]::new);
            PolicyOutcome fail = new PolicyOutcome.Fail(DenyReason.SCOPE_INSUFFICIENT, String.join(" ", required));
            rules.add(f -> {
                for (String s : required) {
                    if (!f.scopes().contains(s)) {
                        return fail;
                    }
                }
                return PolicyOutcome.PASS;
            });
        }
        if (!settings.anyScopes().isEmpty()) {
            String[] any = settings.anyScopes().toArray(String[]::new);
            PolicyOutcome fail = new PolicyOutcome.Fail(DenyReason.SCOPE_INSUFFICIENT, String.join(" ", any));
            rules.add(f -> {
                for (String s : any) {
                    if (f.scopes().contains(s)) {
                        return PolicyOutcome.PASS;
                    }
                }
                return fail;
            });
        }
        for (Map.Entry<String, List<String>> e : settings.claimValues().entrySet()) {
            String claim = e.getKey();
            Set<String> accepted = Set.copyOf(e.getValue());
            rules.add(f -> claimMatches(f.claims(), claim, accepted) ? PolicyOutcome.PASS : CLAIM);
        }
        return new RoutePolicy(settings.name(), issuers, rules);
    }

    /** The policy name. */
    public String name() {
        return name;
    }

    /** True when this policy trusts the issuer of this configured name. */
    public boolean trusts(String issuerName) {
        return issuerNames.isEmpty() || issuerNames.contains(issuerName);
    }

    /** Runs every rule; the first failure wins. */
    public PolicyOutcome check(TokenFacts facts) {
        if (!trusts(facts.issuerName())) {
            return ISSUER;
        }
        for (ClaimRule rule : rules) {
            PolicyOutcome o = rule.check(facts);
            if (o != PolicyOutcome.PASS) {
                return o;
            }
        }
        return PolicyOutcome.PASS;
    }

    /** A string claim equal to an accepted value, or a string-array claim holding one. */
    private static boolean claimMatches(TokenClaims claims, String claim, Set<String> accepted) {
        String registered = switch (claim) {
            case "iss" -> claims.iss();
            case "sub" -> claims.sub();
            case "jti" -> claims.jti();
            case "client_id" -> claims.clientId();
            case "azp" -> claims.azp();
            default -> null;
        };
        if (registered != null) {
            return accepted.contains(registered);
        }
        if (claim.equals("aud")) {
            return IssuerRules.intersects(claims.aud(), accepted);
        }
        ClaimValue v = claims.named().get(claim);
        if (v instanceof ClaimValue.Text t) {
            return accepted.contains(t.value());
        }
        if (v instanceof ClaimValue.TextList list) {
            return IssuerRules.intersects(list.values(), accepted);
        }
        if (v instanceof ClaimValue.Number n) {
            return accepted.contains(n.literal());
        }
        if (v instanceof ClaimValue.Bool b) {
            return accepted.contains(Boolean.toString(b.value()));
        }
        return false;
    }
}
