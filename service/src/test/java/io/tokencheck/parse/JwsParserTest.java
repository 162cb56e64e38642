package io.tokencheck.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokencheck.issuerkit.IssuerKit;
import io.tokencheck.keys.JwsAlgorithm;
import io.tokencheck.reason.DenyReason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class JwsParserTest {
    private static final IssuerKit KIT = IssuerKit.generate("https://issuer.example.test");
    private static final ParseOptions OPTIONS = new ParseOptions(8192, Set.of("scope", "scp", "tenant", "flag", "client_id"));
    private static final JwsParser PARSER = new JwsParser(OPTIONS);
    private static final String HEADER = "{\"alg\":\"RS256\",\"kid\":\"rsa-1\",\"typ\":\"JWT\"}";
    private static final String PAYLOAD = "{\"iss\":\"https://issuer.example.test\",\"sub\":\"user-1\",\"exp\":1700000300}";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private static String token(String header, String payload) {
        return KIT.token().rawHeader(header).rawPayload(payload).sign();
    }

    private static String withHeader(String header) {
        return token(header, PAYLOAD);
    }

    private static String withPayload(String payload) {
        return token(HEADER, payload);
    }

    /** A token whose JSON segments are these exact bytes (also invalid UTF-8, which IssuerKit cannot mint). */
    private static String withRawBytes(byte[] header, byte[] payload) {
        return B64.encodeToString(header) + "." + B64.encodeToString(payload) + ".c2lnbmF0dXJl";
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static ParsedToken parsed(String token) {
        ParseResult result = PARSER.parse(token);
        assertThat(result).isInstanceOf(ParsedToken.class);
        return (ParsedToken) result;
    }

    private static TokenClaims claims(String payload) {
        return parsed(withPayload(payload)).claims();
    }

    private static ParseFailure failure(String token, DenyReason reason) {
        ParseResult result = PARSER.parse(token);
        assertThat(result).isInstanceOf(ParseFailure.class);
        ParseFailure failure = (ParseFailure) result;
        assertThat(failure.reason()).as(failure.detail()).isEqualTo(reason);
        return failure;
    }

    private static void assertFails(String token, DenyReason reason, String detail) {
        assertThat(failure(token, reason).detail()).isEqualTo(detail);
    }

    // --- the happy path --------------------------------------------------------------------------------------

    @Test
    void mintedTokenParsesWithHeaderClaimsSigningInputAndSignature() {
        String token = KIT.token().audience("api://default", "api://other").sign();
        ParsedToken parsed = parsed(token);

        assertThat(parsed.header()).isEqualTo(new JoseHeader("RS256", "rsa-1", "JWT"));
        TokenClaims claims = parsed.claims();
        assertThat(claims.iss()).isEqualTo("https://issuer.example.test");
        assertThat(claims.sub()).isEqualTo("user-1001");
        assertThat(claims.aud()).containsExactly("api://default", "api://other");
        assertThat(claims.exp() - claims.iat()).isEqualTo(300);
        assertThat(claims.nbf()).isEqualTo(claims.iat());
        assertThat(claims.jti()).isNotBlank();
        assertThat(claims.clientId()).isEqualTo("demo-client");
        assertThat(claims.azp()).isNull();
        assertThat(claims.named()).containsOnly(
                Map.entry("scope", new ClaimValue.Text("read")),
                Map.entry("client_id", new ClaimValue.Text("demo-client")));

        int secondDot = token.lastIndexOf('.');
        assertThat(parsed.signingInput()).isEqualTo(token.substring(0, secondDot).getBytes(StandardCharsets.US_ASCII));
        assertThat(parsed.signature()).isEqualTo(Base64.getUrlDecoder().decode(token.substring(secondDot + 1)));
        assertThat(parsed.signature()).hasSize(256);
    }

    @ParameterizedTest
    @EnumSource(value = JwsAlgorithm.class, names = {"ES256", "ES512", "EdDSA", "HS256", "PS256"})
    void tokensOfEveryFamilyParse(JwsAlgorithm alg) {
        ParsedToken parsed = parsed(KIT.token().alg(alg).sign());
        assertThat(parsed.header().alg()).isEqualTo(alg.name());
        assertThat(parsed.signature()).isNotEmpty();
    }

    @Test
    void absentClaimsAreAbsent() {
        TokenClaims claims = claims("{}");
        assertThat(claims.iss()).isNull();
        assertThat(claims.sub()).isNull();
        assertThat(claims.aud()).isEmpty();
        assertThat(claims.exp()).isEqualTo(TokenClaims.ABSENT);
        assertThat(claims.nbf()).isEqualTo(TokenClaims.ABSENT);
        assertThat(claims.iat()).isEqualTo(TokenClaims.ABSENT);
        assertThat(claims.named()).isEmpty();
        assertThat(claims.has("exp")).isFalse();
    }

    @Test
    void emptySignatureSegmentParsesToEmptySignature() {
        String token = withPayload(PAYLOAD);
        ParsedToken parsed = parsed(token.substring(0, token.lastIndexOf('.') + 1));
        assertThat(parsed.signature()).isEmpty();
        assertThat(parsed.claims().sub()).isEqualTo("user-1");
    }

    @Test
    void whitespaceAroundJsonIsAccepted() {
        ParsedToken parsed = parsed(token(" \r\n\t{ \"alg\" : \"RS256\" ,\n\"kid\":\"k\" }\n ",
                "\n{\n  \"sub\" :\t\"user-1\" ,\r\n  \"aud\" : [ \"a\" , \"b\" ]\n}\n"));
        assertThat(parsed.header().kid()).isEqualTo("k");
        assertThat(parsed.claims().aud()).containsExactly("a", "b");
    }

    // --- size and segments -----------------------------------------------------------------------------------

    @Test
    void tooLargeIsCheckedBeforeAnything() {
        assertFails("!".repeat(8193), DenyReason.TOKEN_TOO_LARGE, "token too large");
        assertFails("a.b.c.d.e" + "x".repeat(8192), DenyReason.TOKEN_TOO_LARGE, "token too large");
    }

    @Test
    void tokenOfExactlyTheLimitIsAccepted() {
        String token = withPayload(PAYLOAD);
        assertThat(new JwsParser(new ParseOptions(token.length(), Set.of())).parse(token)).isInstanceOf(ParsedToken.class);
        assertThat(new JwsParser(new ParseOptions(token.length() - 1, Set.of())).parse(token))
                .isEqualTo(new ParseFailure(DenyReason.TOKEN_TOO_LARGE, "token too large"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "   \t\n"})
    void emptyOrBlankIsMalformed(String token) {
        assertFails(token, DenyReason.TOKEN_MALFORMED, "empty token");
    }

    @Test
    void nullIsMalformed() {
        assertFails(null, DenyReason.TOKEN_MALFORMED, "empty token");
    }

    @Test
    void fiveSegmentsAreARejectedJwe() {
        assertFails("eyJhbGciOiJSU0EtT0FFUCJ9.a2V5.aXY.Y2lwaGVy.dGFn", DenyReason.TOKEN_MALFORMED, "JWE is not accepted");
        assertFails("....", DenyReason.TOKEN_MALFORMED, "JWE is not accepted");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "abc.def", "a.b.c.d", "a.b.c.d.e.f", "a.b.c.", ".a.b.c", "a..b.c", "......"})
    void otherSegmentCountsAreNotACompactJws(String token) {
        assertFails(token, DenyReason.TOKEN_MALFORMED, "not a compact JWS");
    }

    @Test
    void extraDotOnAValidTokenIsMalformed() {
        String token = withPayload(PAYLOAD);
        failure(token + ".", DenyReason.TOKEN_MALFORMED);
        failure(token + ".c2ln", DenyReason.TOKEN_MALFORMED);
        failure("." + token, DenyReason.TOKEN_MALFORMED);
    }

    @Test
    void emptyHeaderOrPayloadSegmentIsMalformed() {
        String[] parts = withPayload(PAYLOAD).split("\\.");
        assertFails("." + parts[1] + "." + parts[2], DenyReason.TOKEN_MALFORMED, "empty header segment");
        assertFails(parts[0] + ".." + parts[2], DenyReason.TOKEN_MALFORMED, "empty payload segment");
        assertFails("..", DenyReason.TOKEN_MALFORMED, "empty header segment");
    }

    // --- base64url ------------------------------------------------------------------------------------------

    /** The token with segment {@code index} replaced by {@code edit} applied to it. */
    private static String editSegment(String token, int index, java.util.function.UnaryOperator<String> edit) {
        String[] parts = token.split("\\.", -1);
        parts[index] = edit.apply(parts[index]);
        return String.join(".", parts);
    }

    @ParameterizedTest
    @CsvSource({"0, bad base64url in header", "1, bad base64url in payload", "2, bad base64url in signature"})
    void paddingIsRejected(int segment, String detail) {
        String token = withPayload(PAYLOAD);
        assertFails(editSegment(token, segment, s -> s + "="), DenyReason.TOKEN_MALFORMED, detail);
        assertFails(editSegment(token, segment, s -> s + "=="), DenyReason.TOKEN_MALFORMED, detail);
    }

    @Test
    void paddedSpellingOfValidJsonIsRejected() {
        // 16 and 13 bytes: both need padding in standard base64.
        String header = Base64.getUrlEncoder().encodeToString(utf8("{\"alg\":\"RS256\" }"));
        String payload = Base64.getUrlEncoder().encodeToString(utf8("{\"sub\":\"abc\"}"));
        assertThat(header).endsWith("=");
        assertThat(payload).endsWith("=");
        assertFails(header + "." + B64.encodeToString(utf8("{\"sub\":\"abc\"}")) + ".c2ln",
                DenyReason.TOKEN_MALFORMED, "bad base64url in header");
        assertFails(B64.encodeToString(utf8(HEADER)) + "." + payload + ".c2ln",
                DenyReason.TOKEN_MALFORMED, "bad base64url in payload");
        assertFails(B64.encodeToString(utf8(HEADER)) + "." + B64.encodeToString(utf8(PAYLOAD)) + ".c2lnbg==",
                DenyReason.TOKEN_MALFORMED, "bad base64url in signature");
    }

    @ParameterizedTest
    @CsvSource({"0, bad base64url in header", "1, bad base64url in payload", "2, bad base64url in signature"})
    void standardAlphabetAndWhitespaceAreRejected(int segment, String detail) {
        String token = withPayload(PAYLOAD);
        for (String foreign : List.of("+", "/", " ", "\n", "\t", "%", "\u00e9")) {
            assertFails(editSegment(token, segment, s -> s.substring(0, 4) + foreign + s.substring(5)),
                    DenyReason.TOKEN_MALFORMED, detail);
        }
        assertFails(editSegment(token, segment, s -> s.substring(0, 8) + " " + s.substring(8)),
                DenyReason.TOKEN_MALFORMED, detail);
    }

    @Test
    void nonCanonicalTrailingBitsAreRejected() {
        // {"sub":"x"} is 11 bytes: 15 chars, the last one carries 2 unused bits.
        String token = token(HEADER, "{\"sub\":\"x\"}");
        String[] parts = token.split("\\.");
        assertThat(parts[1]).hasSize(15).endsWith("0");
        String nonCanonical = parts[0] + "." + parts[1].substring(0, 14) + "1" + "." + parts[2];
        assertThat(Base64.getUrlDecoder().decode(parts[1].substring(0, 14) + "1")).isEqualTo(utf8("{\"sub\":\"x\"}"));
        assertFails(nonCanonical, DenyReason.TOKEN_MALFORMED, "bad base64url in payload");
    }

    @Test
    void segmentLengthOfOneModFourIsRejected() {
        String token = withPayload(PAYLOAD);
        assertFails(editSegment(token, 0, s -> s + "A".repeat(Math.floorMod(1 - s.length(), 4))), DenyReason.TOKEN_MALFORMED, "bad base64url in header");
        assertFails(editSegment(token, 1, s -> "e"), DenyReason.TOKEN_MALFORMED, "bad base64url in payload");
        assertFails(editSegment(token, 2, s -> "c2lnb"), DenyReason.TOKEN_MALFORMED, "bad base64url in signature");
    }

    // --- JSON strictness ------------------------------------------------------------------------------------

    @Test
    void escapedHeaderValuesAreUnescaped() {
        ParsedToken parsed = parsed(withHeader("{\"alg\":\"\\u0052S256\",\"kid\":\"rsa\\u002d1\"}"));
        assertThat(parsed.header()).isEqualTo(new JoseHeader("RS256", "rsa-1", null));
    }

    @Test
    void escapedMemberNamesAreTheSameMembers() {
        ParsedToken parsed = parsed(withHeader("{\"\\u0061lg\":\"ES256\",\"\\u006b\\u0069\\u0064\":\"k\"}"));
        assertThat(parsed.header()).isEqualTo(new JoseHeader("ES256", "k", null));
        assertThat(claims("{\"\\u0065xp\":5,\"s\\u0063ope\":\"read\"}").exp()).isEqualTo(5);
    }

    @Test
    void solidusEscapeIsUnescaped() {
        assertThat(claims("{\"iss\":\"https:\\/\\/issuer.example.test\\/\"}").iss()).isEqualTo("https://issuer.example.test/");
    }

    @Test
    void surrogatePairsDecode() {
        assertThat(claims("{\"sub\":\"\\ud83d\\ude00\"}").sub()).isEqualTo("\ud83d\ude00");
        assertThat(claims("{\"sub\":\"\ud83d\ude00 \u00e9\"}").sub()).isEqualTo("\ud83d\ude00 \u00e9");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\ud83d", "\\ude00", "a\\ud83dz", "\\ud83d\\u0041", "\\ude00\\ud83d"})
    void loneSurrogateEscapesAreMalformed(String escaped) {
        assertFails(withPayload("{\"sub\":\"" + escaped + "\"}"), DenyReason.TOKEN_MALFORMED, "lone surrogate in payload");
    }

    @Test
    void invalidUtf8IsMalformed() {
        int[][] invalid = {{0xC0, 0xAF}, {0xE0, 0x80, 0xAF}, {0xED, 0xA0, 0x80}, {0xF4, 0x90, 0x80, 0x80}, {0xE2, 0x82},
                {0x80}, {0xFF}};
        for (int[] raw : invalid) {
            byte[] payload = new byte[raw.length + 10];
            byte[] prefix = utf8("{\"sub\":\"");
            System.arraycopy(prefix, 0, payload, 0, prefix.length);
            for (int i = 0; i < raw.length; i++) {
                payload[prefix.length + i] = (byte) raw[i];
            }
            payload[prefix.length + raw.length] = '"';
            payload[prefix.length + raw.length + 1] = '}';
            assertFails(withRawBytes(utf8(HEADER), payload), DenyReason.TOKEN_MALFORMED, "invalid UTF-8 in payload");
            byte[] header = payload.clone();
            System.arraycopy(utf8("{\"alg\":\""), 0, header, 0, prefix.length);
            assertFails(withRawBytes(header, utf8(PAYLOAD)), DenyReason.TOKEN_MALFORMED, "invalid UTF-8 in header");
        }
    }

    @Test
    void byteOrderMarkIsMalformed() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] header = concat(bom, utf8(HEADER));
        byte[] payload = concat(bom, utf8(PAYLOAD));
        assertFails(withRawBytes(header, utf8(PAYLOAD)), DenyReason.TOKEN_MALFORMED, "byte order mark in header");
        assertFails(withRawBytes(utf8(HEADER), payload), DenyReason.TOKEN_MALFORMED, "byte order mark in payload");
        assertFails(withPayload("\ufeff" + PAYLOAD), DenyReason.TOKEN_MALFORMED, "byte order mark in payload");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"alg\":\"RS256\"}]", "\"RS256\"", "1", "null", "true", "  "})
    void nonObjectTopLevelIsMalformed(String json) {
        assertFails(withHeader(json), DenyReason.TOKEN_MALFORMED, "non-object JSON in header");
        assertFails(withPayload(json), DenyReason.TOKEN_MALFORMED, "non-object JSON in payload");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "{}", "0", ",", "\u0000", "\"\""})
    void trailingBytesAfterTheObjectAreMalformed(String trailer) {
        assertFails(withHeader(HEADER + trailer), DenyReason.TOKEN_MALFORMED, "trailing data in header");
        assertFails(withPayload(PAYLOAD + " " + trailer), DenyReason.TOKEN_MALFORMED, "trailing data in payload");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"sub\":\"a\tb\"}", "{\"sub\":\"a\nb\"}", "{\"sub\":'x'}", "{sub:\"x\"}", "{\"sub\":\"x\",}",
            "{\"sub\":\"x\"", "{\"exp\":01}", "{\"exp\":1.}", "{\"exp\":NaN}", "{\"other\":[1,2,]}", "{\"sub\":\"\\x\"}",
            "{\"other\":{\"a\":1 \"b\":2}}", "{\"sub\" \"x\"}",
    })
    void invalidJsonGrammarIsMalformed(String payload) {
        failure(withPayload(payload), DenyReason.TOKEN_MALFORMED);
    }

    @Test
    void nestingDepth32IsAcceptedAnd33IsMalformedEvenInSkippedClaims() {
        // The top-level object is depth 1, so 31 nested arrays reach depth 32.
        assertThat(claims("{\"deep\":" + "[".repeat(31) + "]".repeat(31) + ",\"sub\":\"x\"}").sub()).isEqualTo("x");
        assertFails(withPayload("{\"deep\":" + "[".repeat(32) + "]".repeat(32) + ",\"sub\":\"x\"}"),
                DenyReason.TOKEN_MALFORMED, "nesting too deep in payload");
        assertFails(withPayload("{\"deep\":" + "{\"a\":".repeat(32) + "1" + "}".repeat(32) + "}"),
                DenyReason.TOKEN_MALFORMED, "nesting too deep in payload");
        assertFails(withPayload("{\"scope\":" + "[".repeat(32) + "]".repeat(32) + "}"),
                DenyReason.TOKEN_MALFORMED, "nesting too deep in payload");
        assertFails(withHeader("{\"alg\":\"RS256\",\"jwk\":" + "[".repeat(32) + "]".repeat(32) + "}"),
                DenyReason.TOKEN_MALFORMED, "nesting too deep in header");
    }

    @Test
    void memberCountIsLimited() {
        JwsParser roomy = new JwsParser(new ParseOptions(200_000, Set.of()));
        assertThat(roomy.parse(withPayload(payloadWithMembers(1000)))).isInstanceOf(ParsedToken.class);
        assertThat(roomy.parse(withPayload(payloadWithMembers(1001))))
                .isEqualTo(new ParseFailure(DenyReason.TOKEN_MALFORMED, "too many members in payload"));
    }

    private static String payloadWithMembers(int count) {
        StringBuilder json = new StringBuilder("{\"sub\":\"x\"");
        for (int i = 1; i < count; i++) {
            json.append(",\"m").append(i).append("\":0");
        }
        return json.append('}').toString();
    }

    // --- duplicates -----------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"alg\":\"RS256\",\"alg\":\"none\"}",
            "{\"alg\":\"RS256\",\"\\u0061lg\":\"none\"}",
            "{\"\\u0061\\u006c\\u0067\":\"none\",\"alg\":\"RS256\"}",
            "{\"alg\":\"RS256\",\"kid\":\"a\",\"kid\":\"b\"}",
            "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"typ\":\"at+jwt\"}",
            "{\"alg\":\"RS256\",\"jku\":\"https://a\",\"jku\":\"https://b\"}",
            "{\"alg\":\"RS256\",\"x-custom\":1,\"x\\u002dcustom\":{}}",
            "{\"alg\":\"RS256\",\"AaAa\":1,\"BBBB\":2,\"AaAa\":3}",
    })
    void duplicateHeaderMembersAreMalformed(String header) {
        assertFails(withHeader(header), DenyReason.TOKEN_MALFORMED, "duplicate member in header");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"exp\":1,\"exp\":2}",
            "{\"sub\":\"a\",\"s\\u0075b\":\"b\"}",
            "{\"aud\":\"a\",\"aud\":[\"b\"]}",
            "{\"scope\":\"read\",\"scope\":\"admin\"}",
            "{\"unknown\":[1],\"unknown\":{\"a\":1}}",
            "{\"exp\":\"bad\",\"exp\":1}",
    })
    void duplicatePayloadMembersAreMalformed(String payload) {
        assertFails(withPayload(payload), DenyReason.TOKEN_MALFORMED, "duplicate member in payload");
    }

    @Test
    void namesThatDifferOnlyByCaseOrHashAreDistinct() {
        TokenClaims claims = claims("{\"sub\":\"x\",\"Sub\":\"y\",\"AaAa\":1,\"BBBB\":2}");
        assertThat(claims.sub()).isEqualTo("x");
    }

    // --- header members -------------------------------------------------------------------------------------

    @Test
    void missingAlgIsMalformed() {
        assertFails(withHeader("{\"kid\":\"rsa-1\"}"), DenyReason.TOKEN_MALFORMED, "alg missing in header");
        assertFails(withHeader("{}"), DenyReason.TOKEN_MALFORMED, "alg missing in header");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"alg\":1}|alg is not a string",
            "{\"alg\":null}|alg is not a string",
            "{\"alg\":[\"RS256\"]}|alg is not a string",
            "{\"alg\":{\"name\":\"RS256\"}}|alg is not a string",
            "{\"alg\":\"RS256\",\"kid\":1}|kid is not a string",
            "{\"alg\":\"RS256\",\"kid\":null}|kid is not a string",
            "{\"alg\":\"RS256\",\"kid\":[\"a\"]}|kid is not a string",
            "{\"alg\":\"RS256\",\"typ\":true}|typ is not a string",
    })
    void nonStringAlgKidTypAreMalformed(String header, String detail) {
        assertFails(withHeader(header), DenyReason.TOKEN_MALFORMED, detail);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[\"exp\"]", "[]", "\"exp\"", "null", "{}", "1"})
    void anyCritIsUnsupported(String crit) {
        assertFails(withHeader("{\"alg\":\"RS256\",\"crit\":" + crit + ",\"exp\":1}"),
                DenyReason.HEADER_UNSUPPORTED, "crit header is not supported");
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "true", "\"x\"", "null"})
    void anyB64IsUnsupported(String b64) {
        assertFails(withHeader("{\"alg\":\"RS256\",\"b64\":" + b64 + "}"), DenyReason.HEADER_UNSUPPORTED,
                "b64 header is not supported");
    }

    @Test
    void malformedHeaderWinsOverUnsupported() {
        assertFails(withHeader("{\"crit\":[\"b64\"],\"b64\":false}"), DenyReason.TOKEN_MALFORMED, "alg missing in header");
        failure(withHeader("{\"alg\":\"RS256\",\"crit\":[\"x\"],}"), DenyReason.TOKEN_MALFORMED);
    }

    @Test
    void encAndZipAreNotAJws() {
        assertFails(withHeader("{\"alg\":\"dir\",\"enc\":\"A256GCM\"}"), DenyReason.TOKEN_MALFORMED,
                "enc header: JWE is not accepted");
        assertFails(withHeader("{\"alg\":\"RS256\",\"zip\":\"DEF\"}"), DenyReason.TOKEN_MALFORMED,
                "zip header: compressed payload is not accepted");
    }

    @Test
    void keyCarryingAndUnknownHeaderMembersAreIgnored() {
        ParsedToken parsed = parsed(withHeader("{\"jku\":\"https://attacker.example/jwks\","
                + "\"jwk\":{\"kty\":\"oct\",\"k\":\"AAAA\"},\"x5u\":\"https://attacker.example/cert\","
                + "\"x5c\":[\"MIIB\"],\"x5t\":\"abc\",\"x5t#S256\":\"def\",\"cty\":\"JWT\","
                + "\"unknown\":{\"nested\":[1,2,{\"deeper\":null}]},\"alg\":\"ES256\",\"kid\":\"ec-1\"}"));
        assertThat(parsed.header()).isEqualTo(new JoseHeader("ES256", "ec-1", null));
    }

    @Test
    void algIsKeptExactlyAsSent() {
        assertThat(parsed(withHeader("{\"alg\":\"none\"}")).header().alg()).isEqualTo("none");
        assertThat(parsed(withHeader("{\"alg\":\"rs256\"}")).header().alg()).isEqualTo("rs256");
        assertThat(parsed(withHeader("{\"alg\":\"\"}")).header().alg()).isEmpty();
    }

    // --- registered claims ----------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"iss\":1}|iss is not a string",
            "{\"iss\":null}|iss is not a string",
            "{\"iss\":[\"https://issuer.example.test\"]}|iss is not a string",
            "{\"sub\":{}}|sub is not a string",
            "{\"sub\":false}|sub is not a string",
            "{\"jti\":42}|jti is not a string",
            "{\"client_id\":[\"c\"]}|client_id is not a string",
            "{\"azp\":null}|azp is not a string",
    })
    void nonStringRegisteredClaimsAreInvalid(String payload, String detail) {
        assertFails(withPayload(payload), DenyReason.CLAIM_INVALID, detail);
    }

    @Test
    void stringRegisteredClaimsAreRead() {
        TokenClaims claims = claims("{\"iss\":\"i\",\"sub\":\"s\",\"jti\":\"j\",\"client_id\":\"c\",\"azp\":\"a\"}");
        assertThat(List.of(claims.iss(), claims.sub(), claims.jti(), claims.clientId(), claims.azp()))
                .containsExactly("i", "s", "j", "c", "a");
    }

    @Test
    void audienceStringBecomesAOneElementList() {
        assertThat(claims("{\"aud\":\"api://default\"}").aud()).containsExactly("api://default");
    }

    @Test
    void audienceArrayIsRead() {
        assertThat(claims("{\"aud\":[\"a\",\"b\",\"a\"]}").aud()).containsExactly("a", "b", "a");
        assertThat(claims("{\"aud\":[]}").aud()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[[\"a\"]]", "[\"a\",1]", "[\"a\",null]", "[\"a\",[\"b\"]]", "[{}]", "1", "null", "true", "{}"})
    void otherAudiencesAreInvalid(String aud) {
        assertFails(withPayload("{\"aud\":" + aud + "}"), DenyReason.CLAIM_INVALID,
                "aud is not a string or an array of strings");
    }

    @ParameterizedTest
    @CsvSource({
            "0, 0",
            "1700000000, 1700000000",
            "1.5, 1",
            "1e3, 1000",
            "1.7e9, 1700000000",
            "1700000000.999, 1700000000",
            "253402300799, 253402300799",
    })
    void numericDatesAreFlooredToSeconds(String literal, long seconds) {
        TokenClaims claims = claims("{\"exp\":" + literal + ",\"nbf\":" + literal + ",\"iat\":" + literal + "}");
        assertThat(List.of(claims.exp(), claims.nbf(), claims.iat())).containsOnly(seconds);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\"123\"", "null", "true", "[1]", "{}", "-1", "-0.5", "253402300800", "1e12",
            "9223372036854775807", "9223372036854775808", "18446744073709551615", "18446744075476773616", "1e400",
    })
    void otherNumericDatesAreInvalid(String value) {
        for (String claim : List.of("exp", "nbf", "iat")) {
            assertFails(withPayload("{\"" + claim + "\":" + value + "}"), DenyReason.CLAIM_INVALID,
                    claim + " is not a valid NumericDate");
        }
    }

    @Test
    void nbfBeyondTwoToTheSixtyFourDoesNotWrapIntoThePast() {
        // 18446744075476773616 - 2^64 = 1767777200, a plausible past time if the value wrapped.
        assertThat(PARSER.parse(withPayload("{\"exp\":1700000300,\"nbf\":18446744075476773616}")))
                .isEqualTo(new ParseFailure(DenyReason.CLAIM_INVALID, "nbf is not a valid NumericDate"));
    }

    @Test
    void malformedJsonWinsOverAnInvalidClaim() {
        failure(withPayload("{\"exp\":\"soon\",\"sub\":}"), DenyReason.TOKEN_MALFORMED);
        failure(withPayload("{\"exp\":\"soon\",\"x\":1,\"x\":2}"), DenyReason.TOKEN_MALFORMED);
    }

    @Test
    void firstInvalidClaimIsReported() {
        assertFails(withPayload("{\"sub\":1,\"exp\":\"x\"}"), DenyReason.CLAIM_INVALID, "sub is not a string");
    }

    // --- named claims ---------------------------------------------------------------------------------------

    @Test
    void namedClaimsAreMaterialisedByKind() {
        TokenClaims claims = claims("{\"scope\":\"read write\",\"scp\":[\"read\",\"write\"],\"tenant\":42.50,"
                + "\"flag\":true,\"unnamed\":\"skipped\",\"iss\":\"i\"}");
        assertThat(claims.named()).containsOnly(
                Map.entry("scope", new ClaimValue.Text("read write")),
                Map.entry("scp", new ClaimValue.TextList(List.of("read", "write"))),
                Map.entry("tenant", new ClaimValue.Number("42.50")),
                Map.entry("flag", new ClaimValue.Bool(true)));
        assertThat(claims.has("unnamed")).isFalse();
        assertThat(claims.has("scope")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "{\"a\":\"b\"}", "[\"a\",1]", "[[\"a\"]]", "[null]"})
    void otherNamedClaimValuesArePresentButOther(String value) {
        assertThat(claims("{\"tenant\":" + value + "}").named()).containsOnly(Map.entry("tenant", new ClaimValue.Other()));
    }

    @Test
    void emptyArrayNamedClaimIsAnEmptyTextList() {
        assertThat(claims("{\"scp\":[]}").named()).containsOnly(Map.entry("scp", new ClaimValue.TextList(List.of())));
    }

    @Test
    void registeredClaimCanAlsoBeNamed() {
        JwsParser parser = new JwsParser(new ParseOptions(8192, Set.of("client_id", "aud", "exp")));
        ParsedToken parsed = (ParsedToken) parser.parse(withPayload("{\"client_id\":\"c\",\"aud\":[\"a\"],\"exp\":1e3}"));
        assertThat(parsed.claims().clientId()).isEqualTo("c");
        assertThat(parsed.claims().exp()).isEqualTo(1000);
        assertThat(parsed.claims().named()).containsOnly(
                Map.entry("client_id", new ClaimValue.Text("c")),
                Map.entry("aud", new ClaimValue.TextList(List.of("a"))),
                Map.entry("exp", new ClaimValue.Number("1e3")));
        assertThat(parser.parse(withPayload("{\"client_id\":7}")))
                .isEqualTo(new ParseFailure(DenyReason.CLAIM_INVALID, "client_id is not a string"));
    }

    @Test
    void unnamedClaimsAreSkippedButValidated() {
        assertThat(claims("{\"profile\":{\"name\":\"x\",\"tags\":[1,true,null,\"\\u00e9\"]},\"sub\":\"s\"}").named()).isEmpty();
        assertFails(withPayload("{\"profile\":{\"name\":\"\\ud800\"},\"sub\":\"s\"}"), DenyReason.TOKEN_MALFORMED,
                "lone surrogate in payload");
    }

    // --- the reuse contract ---------------------------------------------------------------------------------

    @Test
    void failureDetailsNeverEchoTokenContent() {
        List<String> hostile = List.of(
                withHeader("{\"alg\":\"RS256\",\"crit\":[\"secret-marker\"]}"),
                withPayload("{\"iss\":[\"secret-marker\"]}"),
                withPayload("{\"secret-marker\":1,\"secret-marker\":2}"),
                withPayload("{\"sub\":\"secret-marker\\q\"}"),
                "secret-marker.secret-marker",
                "secret-marker.e30.e30");
        for (String token : hostile) {
            ParseResult result = PARSER.parse(token);
            assertThat(result).isInstanceOf(ParseFailure.class);
            assertThat(((ParseFailure) result).detail()).doesNotContain("secret").hasSizeLessThan(64);
        }
    }

    @Test
    void oneParserServesManyThreads() throws Exception {
        List<String> tokens = List.of(withPayload("{\"sub\":\"a\",\"scope\":\"x\"}"), withPayload("{\"sub\":\"b\",\"u\":1,\"u\":2}"),
                withPayload("{\"sub\":\"c\",\"exp\":\"x\"}"), withHeader("{\"alg\":\"RS256\",\"crit\":[]}"));
        List<ParseResult> expected = tokens.stream().map(PARSER::parse).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < 2000; i++) {
                        int k = i % tokens.size();
                        if (!sameResult(PARSER.parse(tokens.get(k)), expected.get(k))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> run : runs) {
                assertThat(run.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean sameResult(ParseResult a, ParseResult b) {
        if (a instanceof ParsedToken pa && b instanceof ParsedToken pb) {
            return pa.header().equals(pb.header()) && pa.claims().equals(pb.claims());
        }
        return a.equals(b);
    }

    @Test
    void knownIssuerAlgAndTypComeOutEqualHoweverTheyAreEscaped() {
        JwsParser parser = new JwsParser(new ParseOptions(8192, Set.of(), Set.of("https://issuer.example.test")));
        String token = token("{\"alg\":\"RS\\u0032\u0035\u0036\",\"typ\":\"at+jwt\"}",
                "{\"iss\":\"https:\\/\\/issuer.example.test\",\"sub\":\"user-1\"}");
        ParsedToken parsed = (ParsedToken) parser.parse(token);
        assertThat(parsed.header().alg()).isEqualTo("RS256");
        assertThat(parsed.header().typ()).isEqualTo("at+jwt");
        assertThat(parsed.claims().iss()).isEqualTo("https://issuer.example.test");
    }

    @Test
    void unknownIssuerAlgAndTypAreReadAsSent() {
        JwsParser parser = new JwsParser(new ParseOptions(8192, Set.of(), Set.of("https://issuer.example.test")));
        String token = token("{\"alg\":\"RS256x\",\"typ\":\"JWT\\u00e9\"}",
                "{\"iss\":\"https://issuer.example.test/\",\"sub\":\"user-1\"}");
        ParsedToken parsed = (ParsedToken) parser.parse(token);
        assertThat(parsed.header().alg()).isEqualTo("RS256x");
        assertThat(parsed.header().typ()).isEqualTo("JWT\u00e9");
        assertThat(parsed.claims().iss()).isEqualTo("https://issuer.example.test/");
    }

    @Test
    void signingInputIsTheTokenUpToTheSecondDotAndToStringLeavesTheTokenOut() {
        String token = withPayload(PAYLOAD);
        ParsedToken parsed = parsed(token);
        int secondDot = token.lastIndexOf('.');
        assertThat(parsed.signingInputLength()).isEqualTo(secondDot);
        assertThat(parsed.signingInput()).isEqualTo(token.substring(0, secondDot).getBytes(StandardCharsets.US_ASCII));
        assertThat(parsed.toString()).doesNotContain(token.substring(0, 20)).doesNotContain(token.substring(secondDot + 1));
    }
}
