package io.tokencheck.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokencheck.config.IssuerSettings;
import io.tokencheck.parse.JoseHeader;
import io.tokencheck.parse.TokenClaims;
import io.tokencheck.reason.DenyReason;
import io.tokencheck.testing.TestSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IssuerRulesTest {
    private static final long NOW = 1_767_225_600L;
    private static final IssuerSettings ISSUER = TestSettings.issuer("https://issuer.example.test", "api://orders");

    private static TokenClaims claims(List<String> aud, long exp, long nbf, long iat) {
        return new TokenClaims("https://issuer.example.test", "user-1", aud, exp, nbf, iat, null, null, null, Map.of());
    }

    private static PolicyOutcome check(IssuerSettings issuer, JoseHeader header, TokenClaims c) {
        return IssuerRules.compile(issuer).check(new TokenFacts(header, c, issuer.name(), List.of(), NOW));
    }

    private static PolicyOutcome check(TokenClaims c) {
        return check(ISSUER, new JoseHeader("RS256", "k", "JWT"), c);
    }

    private static DenyReason reason(PolicyOutcome o) {
        return o instanceof PolicyOutcome.Fail f ? f.reason() : null;
    }

    @ParameterizedTest(name = "exp = now{0} -> {1}")
    @CsvSource({"+1, pass", "0, pass", "-59, pass", "-60, token_expired", "-61, token_expired", "-100000, token_expired"})
    void expiryHonoursTheSixtySecondLeeway(long offset, String expected) {
        PolicyOutcome o = check(claims(List.of("api://orders"), NOW + offset, TokenClaims.ABSENT, TokenClaims.ABSENT));
        assertThat(o == PolicyOutcome.PASS ? "pass" : reason(o).code()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "nbf = now{0} -> {1}")
    @CsvSource({"0, pass", "+60, pass", "+61, token_not_yet_valid", "+120, token_not_yet_valid", "-3600, pass"})
    void notBeforeHonoursTheLeeway(long offset, String expected) {
        PolicyOutcome o = check(claims(List.of("api://orders"), NOW + 300, NOW + offset, TokenClaims.ABSENT));
        assertThat(o == PolicyOutcome.PASS ? "pass" : reason(o).code()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "iat = now{0} -> {1}")
    @CsvSource({"0, pass", "+60, pass", "+61, token_not_yet_valid"})
    void issuedAtInTheFutureBeyondLeewayIsNotYetValid(long offset, String expected) {
        PolicyOutcome o = check(claims(List.of("api://orders"), NOW + 300, TokenClaims.ABSENT, NOW + offset));
        assertThat(o == PolicyOutcome.PASS ? "pass" : reason(o).code()).isEqualTo(expected);
    }

    @Test
    void missingExpIsDeniedWhenRequired() {
        PolicyOutcome o = check(claims(List.of("api://orders"), TokenClaims.ABSENT, TokenClaims.ABSENT, TokenClaims.ABSENT));
        assertThat(reason(o)).isEqualTo(DenyReason.EXP_MISSING);
    }

    @Test
    void missingExpPassesWhenNotRequired() {
        IssuerSettings lax = new IssuerSettings(ISSUER.name(), ISSUER.issuer(), ISSUER.keys(), ISSUER.audiences(),
                ISSUER.algorithms(), ISSUER.leeway(), ISSUER.scopeClaims(), List.of(), false, null);
        PolicyOutcome o = check(lax, new JoseHeader("RS256", null, null),
                claims(List.of("api://orders"), TokenClaims.ABSENT, TokenClaims.ABSENT, TokenClaims.ABSENT));
        assertThat(o).isSameAs(PolicyOutcome.PASS);
    }

    @Test
    void audienceAsSingleStringOrInsideAnArrayIsAccepted() {
        assertThat(check(claims(List.of("api://orders"), NOW + 300, TokenClaims.ABSENT, TokenClaims.ABSENT)))
                .isSameAs(PolicyOutcome.PASS);
        assertThat(check(claims(List.of("api://billing", "api://orders"), NOW + 300, TokenClaims.ABSENT, TokenClaims.ABSENT)))
                .isSameAs(PolicyOutcome.PASS);
    }

    @Test
    void audienceNotIntersectingIsAudienceMismatch() {
        assertThat(reason(check(claims(List.of("api://billing"), NOW + 300, TokenClaims.ABSENT, TokenClaims.ABSENT))))
                .isEqualTo(DenyReason.AUDIENCE_MISMATCH);
        assertThat(reason(check(claims(List.of(), NOW + 300, TokenClaims.ABSENT, TokenClaims.ABSENT))))
                .isEqualTo(DenyReason.AUDIENCE_MISMATCH);
    }

    @Test
    void requiredClaimMissingIsClaimMissing() {
        IssuerSettings strict = TestSettings.withRules(ISSUER, 60, List.of("jti"), null);
        PolicyOutcome o = check(strict, new JoseHeader("RS256", null, null),
                claims(List.of("api://orders"), NOW + 300, TokenClaims.ABSENT, TokenClaims.ABSENT));
        assertThat(reason(o)).isEqualTo(DenyReason.CLAIM_MISSING);
    }

    @ParameterizedTest(name = "typ {0} -> {1}")
    @CsvSource(value = {"at+jwt, pass", "AT+JWT, pass", "application/at+jwt, pass", "JWT, type_mismatch",
            "NULL, type_mismatch"}, nullValues = "NULL")
    void requiredTokenTypeIsComparedCaseInsensitivelyWithOptionalApplicationPrefix(String typ, String expected) {
        IssuerSettings at = TestSettings.withRules(ISSUER, 60, List.of(), "at+jwt");
        PolicyOutcome o = check(at, new JoseHeader("RS256", null, typ),
                claims(List.of("api://orders"), NOW + 300, TokenClaims.ABSENT, TokenClaims.ABSENT));
        assertThat(o == PolicyOutcome.PASS ? "pass" : reason(o).code()).isEqualTo(expected);
    }
}
