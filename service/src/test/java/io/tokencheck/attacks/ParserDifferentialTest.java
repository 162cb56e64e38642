package io.tokencheck.attacks;

import static io.tokencheck.attacks.AttackTarget.AUD;
import static io.tokencheck.attacks.AttackTarget.HS_HEADER;
import static io.tokencheck.attacks.AttackTarget.KIT;
import static io.tokencheck.attacks.AttackTarget.NOW;
import static io.tokencheck.attacks.AttackTarget.claims;
import static io.tokencheck.attacks.AttackTarget.hs256;
import static io.tokencheck.attacks.AttackTarget.hs256Bytes;
import static io.tokencheck.attacks.AttackTarget.reason;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokencheck.reason.DenyReason;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parser differentials (CVE-2022-39227 python-jwt, duplicate-member and escape tricks of JSON parser mismatches): the
 * token means one thing to tokencheck or it is refused. Every token here is correctly signed with the trusted secret,
 * so a deny proves the parser, not the signature.
 */
class ParserDifferentialTest {
    private static final String ISS = KIT.issuer();
    private static final String BASE = "\"sub\":\"u\",\"scope\":\"read\"";

    @ParameterizedTest
    @ValueSource(strings = {"{\"alg\":\"HS256\",\"alg\":\"none\",\"kid\":\"hs-1\"}", "{\"alg\":\"none\",\"alg\":\"HS256\",\"kid\":\"hs-1\"}",
            "{\"alg\":\"HS256\",\"kid\":\"hs-1\",\"\\u0061lg\":\"RS256\"}", "{\"alg\":\"HS256\",\"kid\":\"hs-1\",\"kid\":\"rsa-1\"}",
            "{\"alg\":\"HS256\",\"kid\":\"hs-1\",\"ki\\u0064\":\"hs-1\"}", "{\"alg\":\"HS256\",\"kid\":\"hs-1\",\"typ\":\"JWT\",\"typ\":\"at+jwt\"}",
            "{\"alg\":\"HS256\",\"kid\":\"hs-1\",\"x\":1,\"x\":2}", "{\"alg\":\"HS256\",\"kid\":\"hs-1\",\"crit\":[],\"crit\":[]}"})
    void duplicateHeaderMemberIsTokenMalformed(String header) {
        assertThat(reason(hs256(header, claims("")))).isEqualTo(DenyReason.TOKEN_MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"iss\":\"https://evil.example\"", "\"i\\u0073s\":\"https://evil.example\"", "\"aud\":\"api://evil\"",
            "\"\\u0061ud\":[\"api://evil\"]", "\"exp\":4102444800", "\"\\u0065xp\":4102444800", "\"exp\":1", "\"nbf\":1,\"nbf\":2",
            "\"sub\":\"admin\"", "\"scope\":\"admin\"", "\"iss\":\"" + "https:\\/\\/issuer.example.test" + "\""})
    void duplicateClaimIsTokenMalformed(String duplicate) {
        assertThat(reason(hs256(HS_HEADER, claims(duplicate)))).isEqualTo(DenyReason.TOKEN_MALFORMED);
    }

    @Test
    void duplicateIssBeforeTheGenuineOneIsTokenMalformed() {
        String payload = "{\"iss\":\"https://evil.example\"," + claims("").substring(1);
        assertThat(reason(hs256(HS_HEADER, payload))).isEqualTo(DenyReason.TOKEN_MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https:\\/\\/issuer.example.test", "\\u0068ttps://issuer.example.test", "https://issuer\\u002eexample.test",
            "\\u0068\\u0074\\u0074\\u0070\\u0073\\u003a\\u002f\\u002fissuer.example.test"})
    void escapedIssuerMeansTheDecodedStringAndIsTrusted(String escapedIss) {
        // A byte-comparing verifier would refuse these (or, worse, compare one spelling and use another): JSON says they are ISS.
        String payload = "{\"iss\":\"" + escapedIss + "\",\"aud\":\"api:\\/\\/default\",\"exp\":" + (NOW + 300) + "," + BASE + "}";
        assertThat(reason(hs256(HS_HEADER, payload))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://issuer.example.test\\u0000", "https://issuer.example.test/", "HTTPS://issuer.example.test",
            "https://issuer.example.test ", "https://issuer.example.tes\\u0074\\u0000", "https://issuer\\u2024example.test",
            "https://issuer.example.test\\n"})
    void issuerThatOnlyLooksTrustedIsIssuerNotTrusted(String iss) {
        String payload = "{\"iss\":\"" + iss + "\",\"aud\":\"" + AUD + "\",\"exp\":" + (NOW + 300) + "," + BASE + "}";
        assertThat(reason(hs256(HS_HEADER, payload))).isEqualTo(DenyReason.ISSUER_NOT_TRUSTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"api://default\\u0000", "api://default ", "API://default", "api:\\/\\/defaul", "api://default/"})
    void audienceThatOnlyLooksAcceptedIsAudienceMismatch(String aud) {
        String payload = "{\"iss\":\"" + ISS + "\",\"aud\":[\"" + aud + "\"],\"exp\":" + (NOW + 300) + "," + BASE + "}";
        assertThat(reason(hs256(HS_HEADER, payload))).isEqualTo(DenyReason.AUDIENCE_MISMATCH);
    }

    @Test
    void escapedExpMemberNameIsStillExp() {
        // "\u0065xp" is exp: an expired token must not pass as one without exp (or vice versa).
        String payload = "{\"iss\":\"" + ISS + "\",\"aud\":\"" + AUD + "\",\"\\u0065xp\":" + (NOW - 3600) + "," + BASE + "}";
        assertThat(reason(hs256(HS_HEADER, payload))).isEqualTo(DenyReason.TOKEN_EXPIRED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uFEFF{", "\uFEFF"})
    void byteOrderMarkBeforeTheJsonIsTokenMalformed(String prefix) {
        String claims = claims("");
        assertThat(reason(hs256(HS_HEADER, prefix + claims))).isEqualTo(DenyReason.TOKEN_MALFORMED);
        assertThat(reason(hs256("\uFEFF" + HS_HEADER, claims))).isEqualTo(DenyReason.TOKEN_MALFORMED);
    }

    @Test
    void jsonWhitespaceAroundTheObjectIsJustWhitespace() {
        // RFC 8259 allows insignificant whitespace; nimbus accepts it too (the differential test agrees).
        assertThat(reason(hs256(" \t\r\n" + HS_HEADER + "\n", " \n" + claims("") + "\t "))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u000B", "\u00A0", "\u2028", "\f"})
    void nonJsonWhitespaceAroundTheObjectIsTokenMalformed(String space) {
        assertThat(reason(hs256(HS_HEADER, space + claims("")))).isEqualTo(DenyReason.TOKEN_MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"iss\":\"x\"}]", "\"claims\"", "42", "null", "true", "", " ", "{}{}", "{\"iss\":\"x\"} x",
            "{\"iss\":\"x\",}", "{'iss':'x'}", "{\"iss\":\"x\"", "{\"iss\" \"x\"}", "{iss:\"x\"}", "{\"a\":1}/*c*/"})
    void nonObjectOrInvalidJsonPayloadIsTokenMalformed(String payload) {
        assertThat(reason(hs256(HS_HEADER, payload))).isEqualTo(DenyReason.TOKEN_MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[\"HS256\"]", "\"HS256\"", "null", "1", "{\"alg\":\"HS256\",\"kid\":\"hs-1\"}x"})
    void nonObjectHeaderIsTokenMalformed(String header) {
        assertThat(reason(hs256(header, claims("")))).isEqualTo(DenyReason.TOKEN_MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"FF", "C0AF", "E08080", "EDA080", "EDBFBF", "E282", "F4908080", "F8888080", "80", "C1BF", "F0828282"})
    void invalidUtf8InAClaimIsTokenMalformed(String hex) {
        byte[] bad = java.util.HexFormat.of().parseHex(hex);
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.writeBytes(("{\"iss\":\"" + ISS + "\",\"aud\":\"" + AUD + "\",\"exp\":" + (NOW + 300) + ",\"sub\":\"u").getBytes(StandardCharsets.UTF_8));
        p.writeBytes(bad);
        p.writeBytes("\",\"scope\":\"read\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(reason(hs256Bytes(HS_HEADER.getBytes(StandardCharsets.UTF_8), p.toByteArray()))).isEqualTo(DenyReason.TOKEN_MALFORMED);
        // In a member name, and in the header.
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.writeBytes("{\"alg\":\"HS256\",\"kid\":\"hs-1\",\"x".getBytes(StandardCharsets.UTF_8));
        h.writeBytes(bad);
        h.writeBytes("\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(reason(hs256Bytes(h.toByteArray(), claims("").getBytes(StandardCharsets.UTF_8)))).isEqualTo(DenyReason.TOKEN_MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\uD800", "\\uDC00", "\\uD800\\u0041", "\\u00", "\\x41", "\\U0041", "\\a", "\\'"})
    void invalidJsonEscapeIsTokenMalformed(String escape) {
        String payload = "{\"iss\":\"" + ISS + "\",\"aud\":\"" + AUD + "\",\"exp\":" + (NOW + 300) + ",\"sub\":\"" + escape + "\",\"scope\":\"read\"}";
        assertThat(reason(hs256(HS_HEADER, payload))).isEqualTo(DenyReason.TOKEN_MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\u001F", "\n", "\t"})
    void unescapedControlCharacterInAStringIsTokenMalformed(String control) {
        String payload = "{\"iss\":\"" + ISS + "\",\"aud\":\"" + AUD + "\",\"exp\":" + (NOW + 300) + ",\"sub\":\"a" + control + "b\",\"scope\":\"read\"}";
        assertThat(reason(hs256(HS_HEADER, payload))).isEqualTo(DenyReason.TOKEN_MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1767225900\"", "true", "null", "[1767225900]", "{\"$date\":1767225900}", "1e30", "-1", "-1767225900",
            "9223372036854775808", "18446744073709551917", "99999999999999999999999999999", "1e999999999", "253402300800",
            "1767225900e0000000000000000000000000000009"})
    void expOfTheWrongTypeOrOutOfRangeIsClaimInvalid(String exp) {
        String payload = "{\"iss\":\"" + ISS + "\",\"aud\":\"" + AUD + "\",\"exp\":" + exp + "," + BASE + "}";
        assertThat(reason(hs256(HS_HEADER, payload))).isEqualTo(DenyReason.CLAIM_INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "+1767225900", "01767225900", "1767225900.", ".5", "0x6954E16C", "1_767_225_900",
            "1767225900L", "1e", "1e+", "--1", "1.e5"})
    void expThatIsNotAJsonNumberIsTokenMalformed(String exp) {
        String payload = "{\"iss\":\"" + ISS + "\",\"aud\":\"" + AUD + "\",\"exp\":" + exp + "," + BASE + "}";
        assertThat(reason(hs256(HS_HEADER, payload))).isEqualTo(DenyReason.TOKEN_MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1767225539.999999", "17672255.39e2", "1.767225539e9", "0", "-0", "0.0", "1767225539"})
    void expInThePastHoweverWrittenIsTokenExpired(String exp) {
        // NOW - 61 or earlier: beyond the 60 s leeway. Fractions floor, exponents scale, no value wraps.
        String payload = "{\"iss\":\"" + ISS + "\",\"aud\":\"" + AUD + "\",\"exp\":" + exp + "," + BASE + "}";
        assertThat(reason(hs256(HS_HEADER, payload))).isEqualTo(DenyReason.TOKEN_EXPIRED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"nbf\":\"0\"", "\"iat\":\"1767225600\"", "\"aud\":[[\"api://default\"]]", "\"aud\":1", "\"aud\":{\"0\":\"api://default\"}",
            "\"iss\":[\"https://issuer.example.test\"]", "\"nbf\":1e400", "\"iat\":-5", "\"sub\":1001"})
    void registeredClaimOfTheWrongTypeIsClaimInvalid(String member) {
        String[] kv = member.split(":", 2);
        String name = kv[0].replace("\"", "");
        StringBuilder p = new StringBuilder("{");
        for (String[] d : new String[][] {{"iss", "\"" + ISS + "\""}, {"aud", "\"" + AUD + "\""}, {"exp", String.valueOf(NOW + 300)},
                {"sub", "\"u\""}, {"scope", "\"read\""}}) {
            if (!d[0].equals(name)) {
                p.append('"').append(d[0]).append("\":").append(d[1]).append(',');
            }
        }
        p.append(member).append('}');
        assertThat(reason(hs256(HS_HEADER, p.toString()))).isEqualTo(DenyReason.CLAIM_INVALID);
    }
}
