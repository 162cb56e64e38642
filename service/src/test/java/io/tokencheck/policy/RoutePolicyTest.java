package io.tokencheck.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokencheck.config.PolicySettings;
import io.tokencheck.parse.ClaimValue;
import io.tokencheck.parse.JoseHeader;
import io.tokencheck.parse.TokenClaims;
import io.tokencheck.reason.DenyReason;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutePolicyTest {
    private static final ScopeReader SCOPES = new ScopeReader(List.of("scope", "scp"));

    private static TokenFacts facts(String issuerName, Map<String, ClaimValue> named, String clientId, List<String> aud) {
        TokenClaims c = new TokenClaims("https://issuer.example.test", "user-1", aud, 2_000_000_000L,
                TokenClaims.ABSENT, TokenClaims.ABSENT, null, clientId, null, named);
        return new TokenFacts(new JoseHeader("RS256", null, null), c, issuerName, SCOPES.scopes(c), 1_767_225_600L);
    }

    private static PolicyOutcome check(PolicySettings p, TokenFacts f) {
        return RoutePolicy.compile(p).check(f);
    }

    @Test
    void allOfScopesFromSpaceDelimitedScopeClaim() {
        PolicySettings p = new PolicySettings("p", List.of(), List.of(), List.of("orders:read", "orders:write"), List.of(), Map.of());
        TokenFacts both = facts("corp", Map.of("scope", new ClaimValue.Text("orders:read  orders:write profile")), null, List.of("a"));
        TokenFacts one = facts("corp", Map.of("scope", new ClaimValue.Text("orders:read")), null, List.of("a"));
        assertThat(check(p, both)).isSameAs(PolicyOutcome.PASS);
        assertThat(check(p, one)).isEqualTo(new PolicyOutcome.Fail(DenyReason.SCOPE_INSUFFICIENT, "orders:read orders:write"));
    }

    @Test
    void scopesFromScpArrayAndScpStringCount() {
        PolicySettings p = new PolicySettings("p", List.of(), List.of(), List.of("orders:read"), List.of(), Map.of());
        assertThat(check(p, facts("corp", Map.of("scp", new ClaimValue.TextList(List.of("orders:read"))), null, List.of("a"))))
                .isSameAs(PolicyOutcome.PASS);
        assertThat(check(p, facts("corp", Map.of("scp", new ClaimValue.Text("profile orders:read")), null, List.of("a"))))
                .isSameAs(PolicyOutcome.PASS);
        assertThat(check(p, facts("corp", Map.of("scp", new ClaimValue.Number("1")), null, List.of("a"))))
                .isInstanceOf(PolicyOutcome.Fail.class);
    }

    @Test
    void anyOfScopesNeedsOne() {
        PolicySettings p = new PolicySettings("p", List.of(), List.of(), List.of(), List.of("admin", "support"), Map.of());
        assertThat(check(p, facts("corp", Map.of("scope", new ClaimValue.Text("support")), null, List.of("a"))))
                .isSameAs(PolicyOutcome.PASS);
        assertThat(check(p, facts("corp", Map.of("scope", new ClaimValue.Text("read")), null, List.of("a"))))
                .isEqualTo(new PolicyOutcome.Fail(DenyReason.SCOPE_INSUFFICIENT, "admin support"));
    }

    @Test
    void policyTrustsOnlyItsIssuers() {
        PolicySettings p = new PolicySettings("p", List.of("corp"), List.of(), List.of(), List.of(), Map.of());
        assertThat(check(p, facts("corp", Map.of(), null, List.of("a")))).isSameAs(PolicyOutcome.PASS);
        assertThat(check(p, facts("partner", Map.of(), null, List.of("a"))))
                .isEqualTo(new PolicyOutcome.Fail(DenyReason.ISSUER_NOT_TRUSTED));
    }

    @Test
    void policyAudienceMustIntersect() {
        PolicySettings p = new PolicySettings("p", List.of(), List.of("api://billing"), List.of(), List.of(), Map.of());
        assertThat(check(p, facts("corp", Map.of(), null, List.of("api://orders", "api://billing")))).isSameAs(PolicyOutcome.PASS);
        assertThat(check(p, facts("corp", Map.of(), null, List.of("api://orders"))))
                .isEqualTo(new PolicyOutcome.Fail(DenyReason.AUDIENCE_MISMATCH));
    }

    @Test
    void requiredClientIdValues() {
        PolicySettings p = new PolicySettings("p", List.of(), List.of(), List.of(), List.of(),
                Map.of("client_id", List.of("web", "mobile")));
        assertThat(check(p, facts("corp", Map.of(), "mobile", List.of("a")))).isSameAs(PolicyOutcome.PASS);
        assertThat(check(p, facts("corp", Map.of(), "cli", List.of("a"))))
                .isEqualTo(new PolicyOutcome.Fail(DenyReason.CLAIM_MISMATCH));
        assertThat(check(p, facts("corp", Map.of(), null, List.of("a"))))
                .isEqualTo(new PolicyOutcome.Fail(DenyReason.CLAIM_MISMATCH));
    }

    @Test
    void requiredCustomClaimValueAsStringOrArray() {
        PolicySettings p = new PolicySettings("p", List.of(), List.of(), List.of(), List.of(), Map.of("tenant", List.of("acme")));
        assertThat(check(p, facts("corp", Map.of("tenant", new ClaimValue.Text("acme")), null, List.of("a"))))
                .isSameAs(PolicyOutcome.PASS);
        assertThat(check(p, facts("corp", Map.of("tenant", new ClaimValue.TextList(List.of("x", "acme"))), null, List.of("a"))))
                .isSameAs(PolicyOutcome.PASS);
        assertThat(check(p, facts("corp", Map.of("tenant", new ClaimValue.Other()), null, List.of("a"))))
                .isInstanceOf(PolicyOutcome.Fail.class);
    }

    @Test
    void scopeReaderDropsDuplicatesAndEmptyParts() {
        TokenClaims c = new TokenClaims("i", null, List.of(), 1, 1, 1, null, null, null,
                Map.of("scope", new ClaimValue.Text(" a  b a "), "scp", new ClaimValue.TextList(List.of("b", "c"))));
        assertThat(SCOPES.scopes(c)).containsExactly("a", "b", "c");
    }

    @Test
    void oneScopeStringGivesItsScopesInOrderWithoutDuplicatesOrEmptyParts() {
        TokenClaims c = new TokenClaims("i", null, List.of(), 1, 1, 1, null, null, null,
                Map.of("scope", new ClaimValue.Text("  b a  b c a ")));
        List<String> scopes = SCOPES.scopes(c);
        assertThat(scopes).containsExactly("b", "a", "c");
        assertThat(scopes).hasSize(3).contains("a").doesNotContain("ab", "", " a", "b a", null);
        assertThat(scopes.indexOf("c")).isEqualTo(2);
        assertThat(scopes).isEqualTo(List.of("b", "a", "c"));
        assertThat(scopes.containsAll(List.of("c", "b"))).isTrue();
        assertThat(scopes.containsAll(List.of("c", "d"))).isFalse();
    }

    @Test
    void blankScopeStringHasNoScopes() {
        TokenClaims c = new TokenClaims("i", null, List.of(), 1, 1, 1, null, null, null,
                Map.of("scope", new ClaimValue.Text("   ")));
        assertThat(SCOPES.scopes(c)).isEmpty();
    }
}
