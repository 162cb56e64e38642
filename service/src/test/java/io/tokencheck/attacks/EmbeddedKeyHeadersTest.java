package io.tokencheck.attacks;

import static io.tokencheck.attacks.AttackTarget.ATTACKER;
import static io.tokencheck.attacks.AttackTarget.KIT;
import static io.tokencheck.attacks.AttackTarget.reason;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import io.tokencheck.issuerkit.IssuerKit;
import io.tokencheck.issuerkit.JwksServer;
import io.tokencheck.keys.JwsAlgorithm;
import io.tokencheck.reason.DenyReason;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Keys the token brings itself (CVE-2018-0114 embedded jwk in node-jose, jku/x5u SSRF and key injection): the
 * jwk, jku, x5u, x5c and x5t headers are never used to find or fetch a key, whatever they say.
 */
class EmbeddedKeyHeadersTest {

    private static Map<String, Object> attackerJwk(String kid) {
        return ATTACKER.signingKey(kid).publicJwk().toJSONObject();
    }

    @ParameterizedTest
    @EnumSource(value = JwsAlgorithm.class, names = {"RS256", "ES256", "EdDSA"})
    void cve_2018_0114_embeddedJwkOfTheSigningKeyNamingATrustedKidIsSignatureInvalid(JwsAlgorithm alg) {
        String kid = io.tokencheck.issuerkit.TokenBuilder.defaultKid(alg);
        String t = ATTACKER.token().alg(alg).header("jwk", attackerJwk(kid)).sign();
        assertThat(reason(t)).isEqualTo(DenyReason.SIGNATURE_INVALID);
    }

    @Test
    void cve_2018_0114_embeddedJwkWithItsOwnKidIsKeyNotFound() {
        JWK jwk = ATTACKER.addRsa("attacker-1", JwsAlgorithm.RS256, 2048);
        String t = ATTACKER.token().kid("attacker-1").header("jwk", jwk.toJSONObject()).sign();
        assertThat(reason(t)).isEqualTo(DenyReason.KEY_NOT_FOUND);
        String noKid = ATTACKER.token().header("kid", null).signWith("attacker-1").header("jwk", jwk.toJSONObject()).sign();
        // Without kid, the only RS256 candidate of the trusted JWKS is tried (rsa-1) and fails; the embedded key is not.
        assertThat(reason(noKid)).isIn(DenyReason.SIGNATURE_INVALID, DenyReason.KEY_NOT_FOUND);
    }

    @Test
    void jkuAndX5uPointingAtTheAttackersJwksAreNeverFetched() {
        try (JwksServer evil = JwksServer.start(ATTACKER)) {
            String url = evil.jwksUri().toString();
            for (String header : List.of("jku", "x5u")) {
                String t = ATTACKER.token().header(header, url).sign();
                assertThat(reason(t)).as(header).isEqualTo(DenyReason.SIGNATURE_INVALID);
                String ownKid = ATTACKER.token().kid("evil-kid").signWith(IssuerKit.RSA_KID).header(header, url).sign();
                assertThat(reason(ownKid)).as(header + " with the attacker's kid").isEqualTo(DenyReason.KEY_NOT_FOUND);
            }
            assertThat(evil.jwksFetches()).isZero();
            assertThat(evil.discoveryFetches()).isZero();
        }
    }

    @Test
    void x5cCarryingTheAttackersKeyIsSignatureInvalid() {
        // The attacker's key as a certificate chain element (base64 DER; a self-signed certificate would be no better).
        String der = Base64.getEncoder().encodeToString(ATTACKER.signingKey(IssuerKit.RSA_KID).publicKey().getEncoded());
        String t = ATTACKER.token().header("x5c", List.of(der)).header("x5t#S256", "AAAA").header("x5t", "AAAA").sign();
        assertThat(reason(t)).isEqualTo(DenyReason.SIGNATURE_INVALID);
    }

    @Test
    void keyHeadersOfAGenuineTokenChangeNothing() {
        // Signed by the trusted key: the decision is the same with or without the key-carrying members.
        String t = KIT.token().header("jku", "https://evil.example/jwks").header("jwk", attackerJwk(IssuerKit.RSA_KID)).sign();
        assertThat(reason(t)).isNull();
    }

    @Test
    void keyHeadersOfTheWrongJsonTypeAreIgnoredNotTrusted() {
        String t = ATTACKER.token().header("jwk", "not an object").header("jku", List.of(1, 2)).header("x5c", "x").sign();
        assertThat(reason(t)).isEqualTo(DenyReason.SIGNATURE_INVALID);
    }
}
