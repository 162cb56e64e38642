package io.tokencheck.policy;

import io.tokencheck.config.IssuerSettings;
import io.tokencheck.parse.TokenClaims;
import io.tokencheck.reason.DenyReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The claim checks every token of one issuer must pass, whatever the route: typ, exp, nbf, iat, aud, required claims.
 * Compiled once from the issuer's settings into a list of rules.
 */
public final class IssuerRules {
    private static final PolicyOutcome EXPIRED = new PolicyOutcome.Fail(DenyReason.TOKEN_EXPIRED);
    private static final PolicyOutcome EXP_MISSING = new PolicyOutcome.Fail(DenyReason.EXP_MISSING);
    private static final PolicyOutcome NOT_YET_VALID = new PolicyOutcome.Fail(DenyReason.TOKEN_NOT_YET_VALID);
    private static final PolicyOutcome AUDIENCE = new PolicyOutcome.Fail(DenyReason.AUDIENCE_MISMATCH);
    private static final PolicyOutcome TYPE = new PolicyOutcome.Fail(DenyReason.TYPE_MISMATCH);
    private static final PolicyOutcome CLAIM_MISSING = new PolicyOutcome.Fail(DenyReason.CLAIM_MISSING);

    /** An array, walked by index: no iterator per request. */
    private final ClaimRule[] rules;

    private IssuerRules(List<ClaimRule> rules) {
        this.rules = rules.toArray(ClaimRule[]::new);
    }

    /** Compiles the issuer's checks. */
    public static IssuerRules compile(IssuerSettings issuer) {
        long leeway = issuer.leeway().toSeconds();
        List<ClaimRule> rules = new ArrayList<>();
        if (issuer.tokenType() != null) {
            String required = normalizeType(issuer.tokenType());
            rules.add(f -> f.header().typ() != null && normalizeType(f.header().typ()).equals(required)
                    ? PolicyOutcome.PASS : TYPE);
        }
        boolean requireExp = issuer.requireExp();
        // Valid while now < exp + leeway (the token must be used before exp, RFC 7519 4.1.4).
        rules.add(f -> {
            long exp = f.claims().exp();
            if (exp == TokenClaims.ABSENT) {
                return requireExp ? EXP_MISSING : PolicyOutcome.PASS;
            }
            return f.now() < exp + leeway ? PolicyOutcome.PASS : EXPIRED;
        });
        rules.add(f -> {
            long nbf = f.claims().nbf();
            return nbf == TokenClaims.ABSENT || nbf <= f.now() + leeway ? PolicyOutcome.PASS : NOT_YET_VALID;
        });
        rules.add(f -> {
            long iat = f.claims().iat();
            return iat == TokenClaims.ABSENT || iat <= f.now() + leeway ? PolicyOutcome.PASS : NOT_YET_VALID;
        });
        Set<String> audiences = Set.copyOf(issuer.audiences());
        rules.add(f -> intersects(f.claims().aud(), audiences) ? PolicyOutcome.PASS : AUDIENCE);
        for (String claim : issuer.requiredClaims()) {
            rules.add(f -> f.claims().has(claim) ? PolicyOutcome.PASS : CLAIM_MISSING);
        }
        return new IssuerRules(rules);
    }

    /** Runs every rule; the first failure wins. */
    public PolicyOutcome check(TokenFacts facts) {
        for (ClaimRule rule : rules) {
            PolicyOutcome o = rule.check(facts);
            if (o != PolicyOutcome.PASS) {
                return o;
            }
        }
        return PolicyOutcome.PASS;
    }

    static boolean intersects(List<String> values, Set<String> accepted) {
        // By index: claim lists are random-access (List.of or unmodifiable array lists), and no iterator is made.
        for (int i = 0; i < values.size(); i++) {
            if (accepted.contains(values.get(i))) {
                return true;
            }
        }
        return false;
    }

    /** RFC 7515 4.1.9: typ is compared case-insensitively, and "application/" may be omitted. */
    static String normalizeType(String typ) {
        String t = typ.toLowerCase(Locale.ROOT);
        return t.startsWith("application/") ? t.substring("application/".length()) : t;
    }
}
