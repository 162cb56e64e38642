package io.tokencheck.attacks;

import static io.tokencheck.attacks.AttackTarget.KIT;
import static io.tokencheck.attacks.AttackTarget.b64;
import static io.tokencheck.attacks.AttackTarget.claims;
import static io.tokencheck.attacks.AttackTarget.hs256;
import static io.tokencheck.attacks.AttackTarget.reason;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokencheck.keys.JwsAlgorithm;
import io.tokencheck.reason.DenyReason;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Header features a JWT verifier must refuse (RFC 7515 4.1.11 crit, RFC 7797 b64) and other JOSE shapes where a
 * compact JWS is expected: JWE (five parts, enc, zip; CVE-2023-51774-style JWE/JWS confusion) and nested JWTs.
 */
class CritAndJweTest {

    @ParameterizedTest
    @ValueSource(strings = {"\"crit\":[\"exp\"],\"exp\":1", "\"crit\":[\"http://example.com/unknown\"]", "\"crit\":[]",
            "\"crit\":\"b64\"", "\"crit\":null", "\"crit\":[\"b64\"],\"b64\":true", "\"crit\":[\"alg\"]"})
    void rfc7515_critListingAnythingIsHeaderUnsupported(String member) {
        String t = hs256("{\"alg\":\"HS256\",\"kid\":\"hs-1\"," + member + "}", claims(""));
        assertThat(reason(t)).isEqualTo(DenyReason.HEADER_UNSUPPORTED);
    }

    @Test
    void critInAGenuineRs256TokenIsHeaderUnsupported() {
        assertThat(reason(KIT.token().header("crit", List.of("urn:example:unknown")).header("urn:example:unknown", 1).sign()))
                .isEqualTo(DenyReason.HEADER_UNSUPPORTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"b64\":false", "\"b64\":true", "\"b64\":false,\"crit\":[\"b64\"]", "\"b64\":\"false\""})
    void rfc7797_b64InAnyFormIsHeaderUnsupported(String member) {
        String t = hs256("{\"alg\":\"HS256\",\"kid\":\"hs-1\"," + member + "}", claims(""));
        assertThat(reason(t)).isEqualTo(DenyReason.HEADER_UNSUPPORTED);
    }

    @Test
    void rfc7797_unencodedPayloadSignedAsSuchIsNeverAccepted() {
        // A detached/unencoded-payload JWS: the payload segment is the raw JSON, which is not base64url.
        String header = b64("{\"alg\":\"HS256\",\"kid\":\"hs-1\",\"b64\":false,\"crit\":[\"b64\"]}");
        String t = header + "." + claims("") + ".AAAA";
        assertThat(reason(t)).isEqualTo(DenyReason.TOKEN_MALFORMED);
        String detached = header + "..AAAA";
        assertThat(reason(detached)).isEqualTo(DenyReason.TOKEN_MALFORMED);
    }

    @Test
    void jweInFivePartsIsTokenMalformed() {
        String jwe = b64("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"kid\":\"rsa-1\"}") + ".AAAA.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA";
        assertThat(reason(jwe)).isEqualTo(DenyReason.TOKEN_MALFORMED);
        String dirJwe = b64("{\"alg\":\"dir\",\"enc\":\"A128CBC-HS256\"}") + "..AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA";
        assertThat(reason(dirJwe)).isEqualTo(DenyReason.TOKEN_MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"enc\":\"A256GCM\"", "\"zip\":\"DEF\"", "\"enc\":\"A256GCM\",\"zip\":\"DEF\""})
    void jweOrCompressionMembersInAThreePartTokenAreTokenMalformed(String member) {
        String t = hs256("{\"alg\":\"HS256\",\"kid\":\"hs-1\"," + member + "}", claims(""));
        assertThat(reason(t)).isEqualTo(DenyReason.TOKEN_MALFORMED);
    }

    @Test
    void nestedJwtAsThePayloadIsTokenMalformed() {
        // RFC 7519 5.2 cty JWT: the payload is itself a JWT. tokencheck verifies one signature over claims, never nests.
        String inner = KIT.token().alg(JwsAlgorithm.ES256).sign();
        String outer = KIT.token().alg(JwsAlgorithm.HS256).header("cty", "JWT").rawPayload(inner).sign();
        assertThat(reason(outer)).isEqualTo(DenyReason.TOKEN_MALFORMED);
        String quoted = KIT.token().alg(JwsAlgorithm.HS256).header("cty", "JWT").rawPayload("\"" + inner + "\"").sign();
        assertThat(reason(quoted)).isEqualTo(DenyReason.TOKEN_MALFORMED);
    }

    @Test
    void untrustedOuterTokenAroundAGenuineInnerTokenIsNotAllowed() {
        // A genuine inner token wrapped by an unsigned or attacker-signed outer one must not lend it trust either way.
        String inner = KIT.token().sign();
        // Structure is checked before the algorithm: the payload is not a JSON object, so it is malformed.
        String outerNone = b64("{\"alg\":\"none\",\"cty\":\"JWT\"}") + "." + b64(inner) + ".";
        assertThat(reason(outerNone)).isEqualTo(DenyReason.TOKEN_MALFORMED);
        String outerForged = AttackTarget.ATTACKER.token().alg(JwsAlgorithm.HS256).header("cty", "JWT").rawPayload(inner).sign();
        assertThat(reason(outerForged)).isEqualTo(DenyReason.TOKEN_MALFORMED);
    }
}
