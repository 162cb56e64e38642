package io.tokencheck.attacks;

import static io.tokencheck.attacks.AttackTarget.KIT;
import static io.tokencheck.attacks.AttackTarget.b64;
import static io.tokencheck.attacks.AttackTarget.claims;
import static io.tokencheck.attacks.AttackTarget.reason;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokencheck.reason.DenyReason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Unsecured JWS (RFC 7519 6.1, CVE-2015-9235 and kin): alg none in any spelling, signed or not, is never accepted. */
class AlgNoneTest {

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE", "none ", " none", "none\u0000", "NONE\t", ""})
    void algNoneInAnySpellingWithoutSignatureIsAlgNotAllowed(String none) {
        String unsigned = b64("{\"alg\":\"" + escape(none) + "\",\"typ\":\"JWT\"}") + "." + b64(claims("")) + ".";
        assertThat(reason(unsigned)).isEqualTo(DenyReason.ALG_NOT_ALLOWED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
    void algNoneWithTheRealSignatureOfTheKitIsAlgNotAllowed(String none) {
        // A genuine RS256 token whose header is then claimed to be unsecured: the signature part stays.
        String genuine = KIT.token().sign();
        String t = b64("{\"alg\":\"" + none + "\",\"kid\":\"rsa-1\"}") + genuine.substring(genuine.indexOf('.'));
        assertThat(reason(t)).isEqualTo(DenyReason.ALG_NOT_ALLOWED);
        // And a token the kit really signed with alg none in its header (signature over that header).
        assertThat(reason(KIT.token().header("alg", none).sign())).isEqualTo(DenyReason.ALG_NOT_ALLOWED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"typ\":\"JWT\"}", "{\"alg\":null}", "{\"alg\":0}", "{\"alg\":[\"none\"]}", "{\"alg\":{\"none\":1}}",
            "{\"alg\":false}"})
    void missingOrNonStringAlgIsTokenMalformed(String header) {
        String t = b64(header) + "." + b64(claims("")) + ".";
        assertThat(reason(t)).isEqualTo(DenyReason.TOKEN_MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HS256 ", "hs256", "Rs256", "RS256\u0000", "ES256K", "RS1", "HS1", "PS256 ", "EdDSA\n", "ED25519"})
    void algorithmNamesAreCaseAndByteExact(String alg) {
        String t = KIT.token().header("alg", alg).sign();
        assertThat(reason(t)).isEqualTo(DenyReason.ALG_NOT_ALLOWED);
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }
}
