package io.tokencheck.policy;

import io.tokencheck.parse.ClaimValue;
import io.tokencheck.parse.TokenClaims;
import java.util.ArrayList;
import java.util.List;

/** Reads scopes from the configured claims: space-delimited strings (scope, or scp as a string) and string arrays (scp). */
public final class ScopeReader {
    private final List<String> claims;

    /** Reads from these claims, in this order. */
    public ScopeReader(List<String> claims) {
        this.claims = List.copyOf(claims);
    }

    /** The claim names read. */
    public List<String> claims() {
        return claims;
    }

    /** All scopes of the token, without duplicates. Claims of other types carry no scopes. */
    public List<String> scopes(TokenClaims tokenClaims) {
        ClaimValue only = onlyScopeClaim(tokenClaims);
        if (only instanceof ClaimValue.Text t) {
            // The usual token: one scope string. Its scopes need no Strings until someone reads them.
            return DelimitedScopes.of(t.value());
        }
        List<String> out = null;
        for (String claim : claims) {
            ClaimValue v = tokenClaims.named().get(claim);
            if (v instanceof ClaimValue.Text t) {
                out = addDelimited(out, t.value());
            } else if (v instanceof ClaimValue.TextList list) {
                for (String s : list.values()) {
                    out = addDelimited(out, s);
                }
            }
        }
        return out == null ? List.of() : out;
    }

    /** The value of the one scope claim the token has, or null when it has none or several. */
    private ClaimValue onlyScopeClaim(TokenClaims tokenClaims) {
        ClaimValue only = null;
        for (String claim : claims) {
            ClaimValue v = tokenClaims.named().get(claim);
            if (v != null) {
                if (only != null) {
                    return null;
                }
                only = v;
            }
        }
        return only;
    }

    private static List<String> addDelimited(List<String> out, String value) {
        for (String scope : DelimitedScopes.of(value)) {
            if (out == null) {
                out = new ArrayList<>(4);
            }
            if (!out.contains(scope)) {
                out.add(scope);
            }
        }
        return out;
    }
}
