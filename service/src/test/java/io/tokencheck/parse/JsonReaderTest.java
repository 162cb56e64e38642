package io.tokencheck.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokencheck.reason.DenyReason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonReaderTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Walks the whole document, skipping every value. */
    private static void walk(byte[] json) {
        JsonReader reader = new JsonReader(json, "payload");
        reader.beginObject();
        while (reader.nextMember()) {
            reader.skipValue();
        }
        reader.endDocument();
    }

    private static void walk(String json) {
        walk(utf8(json));
    }

    /** The single member's string value of {"v": ...}, read through readString. */
    private static String stringValue(byte[] json) {
        JsonReader reader = new JsonReader(json, "payload");
        reader.beginObject();
        assertThat(reader.nextMember()).isTrue();
        assertThat(reader.peek()).isEqualTo(JsonReader.Kind.STRING);
        String value = reader.readString();
        assertThat(reader.nextMember()).isFalse();
        reader.endDocument();
        return value;
    }

    private static String stringValue(String json) {
        return stringValue(utf8(json));
    }

    private static void assertMalformed(byte[] json) {
        assertThatThrownBy(() -> walk(json))
                .isInstanceOfSatisfying(Rejection.class,
                        r -> assertThat(r.failure().reason()).isEqualTo(DenyReason.TOKEN_MALFORMED));
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    /** {"v":"<raw bytes>"}. */
    private static byte[] stringWithRawBytes(int... raw) {
        byte[] prefix = utf8("{\"v\":\"");
        byte[] suffix = utf8("\"}");
        byte[] json = new byte[prefix.length + raw.length + suffix.length];
        System.arraycopy(prefix, 0, json, 0, prefix.length);
        System.arraycopy(bytes(raw), 0, json, prefix.length, raw.length);
        System.arraycopy(suffix, 0, json, prefix.length + raw.length, suffix.length);
        return json;
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{}",
            " \t\r\n{ \t\r\n} \t\r\n",
            "{\"a\":1}",
            "{\"a\" : [ 1 , -0.5e+3 , 0 , 1E-2 , true , false , null , \"x\" , { } , [ ] ] }",
            "{\"a\":{\"b\":{\"c\":[{\"d\":\"e\"}]}},\"f\":\"g\"}",
            "{\"\":\"\"}",
            "{\"a\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u0000\"}",
            "{\"a\":\"\u00e9\u20ac\ud83d\ude00\u007f\"}",
            "{\"a\":-0,\"b\":123456789012345678901234567890}",
    })
    void acceptsValidDocuments(String json) {
        walk(json);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", " ", "[]", "\"x\"", "1", "null", "true", // not an object at the top
            "{", "}", "{\"a\"}", "{\"a\":}", "{\"a\" 1}", "{a:1}", "{'a':1}", "{\"a\":1,}", "{,\"a\":1}",
            "{\"a\":1 \"b\":2}", "{\"a\":1}}", "{\"a\":1}x", "{\"a\":1}{}", "{\"a\":1} 0",
            "{\"a\":[1,]}", "{\"a\":[,1]}", "{\"a\":[1 2]}", "{\"a\":[}", "{\"a\":{\"b\"}}", "{\"a\":{\"b\":1,}}",
            "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":1e}", "{\"a\":1e+}", "{\"a\":+1}", "{\"a\":-}",
            "{\"a\":--1}", "{\"a\":0x10}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":1_000}",
            "{\"a\":tru}", "{\"a\":True}", "{\"a\":nul}", "{\"a\":falsey}", "{\"a\":undefined}",
            "{\"a\":\"x}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\u12g4\"}", "{\"a\":\"\\\"}",
            "{\"a\":\"\\U0041\"}", "{\"a\":\"\\'\"}",
            "{\"a\":\"\t\"}", "{\"a\":\"\n\"}", "{\"a\":\"\u0000\"}", "{\"a\":\"\u001f\"}", // raw control chars
            "{\"a\":1,\u000b\"b\":2}", "{\"a\":1,\u00a0\"b\":2}", "{\"a\":1,\f\"b\":2}", // not JSON whitespace
            "{\"a\":\"\\ud83d\"}", "{\"a\":\"\\ude00\"}", "{\"a\":\"\\ud83dx\"}", "{\"a\":\"\\ud83d\\u0041\"}",
            "{\"a\":\"\\ud83d\\ud83d\"}", "{\"\\udc00\":1}",
    })
    void rejectsInvalidDocuments(String json) {
        assertMalformed(utf8(json));
    }

    @Test
    void decodesEveryEscape() {
        assertThat(stringValue("{\"v\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"}")).isEqualTo("\"\\/\b\f\n\r\t");
        assertThat(stringValue("{\"v\":\"rsa\\u002d1 \\u00E9\\u00e9 \\u0000\"}")).isEqualTo("rsa-1 \u00e9\u00e9 \u0000");
        assertThat(stringValue("{\"v\":\"https:\\/\\/issuer.example.test\"}")).isEqualTo("https://issuer.example.test");
    }

    @Test
    void decodesEscapedSurrogatePairs() {
        assertThat(stringValue("{\"v\":\"\\ud83d\\ude00\"}")).isEqualTo("\ud83d\ude00");
        assertThat(stringValue("{\"v\":\"\\uDBFF\\uDFFF\"}")).isEqualTo(new String(Character.toChars(0x10FFFF)));
    }

    @Test
    void decodesUtf8OfEveryLength() {
        assertThat(stringValue("{\"v\":\"a\u00e9\u0800\u20ac\uffff\ud800\udc00\ud83d\ude00\udbff\udfff\"}"))
                .isEqualTo("a\u00e9\u0800\u20ac\uffff\ud800\udc00\ud83d\ude00\udbff\udfff");
    }

    @Test
    void decodesTheBoundariesOfUtf8() {
        assertThat(stringValue(stringWithRawBytes(0xC2, 0x80))).isEqualTo("\u0080");
        assertThat(stringValue(stringWithRawBytes(0xE0, 0xA0, 0x80))).isEqualTo("\u0800");
        assertThat(stringValue(stringWithRawBytes(0xED, 0x9F, 0xBF))).isEqualTo("\ud7ff");
        assertThat(stringValue(stringWithRawBytes(0xEE, 0x80, 0x80))).isEqualTo("\ue000");
        assertThat(stringValue(stringWithRawBytes(0xF0, 0x90, 0x80, 0x80))).isEqualTo("\ud800\udc00");
        assertThat(stringValue(stringWithRawBytes(0xF4, 0x8F, 0xBF, 0xBF))).isEqualTo("\udbff\udfff");
    }

    @Test
    void rejectsInvalidUtf8() {
        int[][] invalid = {
                {0x80}, {0xBF}, // lone continuation bytes
                {0xC0, 0xAF}, {0xC1, 0xBF}, // overlong 2-byte
                {0xE0, 0x80, 0xAF}, {0xE0, 0x9F, 0xBF}, // overlong 3-byte
                {0xF0, 0x80, 0x80, 0xAF}, {0xF0, 0x8F, 0xBF, 0xBF}, // overlong 4-byte
                {0xED, 0xA0, 0x80}, {0xED, 0xBF, 0xBF}, // UTF-8 encoded surrogates
                {0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80}, // an encoded surrogate pair (CESU-8)
                {0xF4, 0x90, 0x80, 0x80}, {0xF5, 0x80, 0x80, 0x80}, {0xF8}, {0xFE}, {0xFF}, // beyond U+10FFFF
                {0xC3}, {0xE2, 0x82}, {0xF0, 0x9F, 0x98}, // truncated
                {0xC3, 0x41}, {0xE2, 0x41, 0xAC}, {0xE2, 0x82, 0x41}, {0xF0, 0x9F, 0x41, 0x80}, // bad continuation
        };
        for (int[] raw : invalid) {
            assertMalformed(stringWithRawBytes(raw));
        }
    }

    @Test
    void rejectsTruncatedUtf8AtTheEndOfTheDocument() {
        assertMalformed(bytes('{', '"', 'v', '"', ':', '"', 0xE2, 0x82));
        assertMalformed(bytes('{', '"', 'v', '"', ':', '"', 0xF0));
    }

    @Test
    void rejectsNonAsciiOutsideStrings() {
        assertMalformed(bytes('{', '"', 'v', '"', ':', 0xC3, 0xA9, '}'));
    }

    @Test
    void rejectsALeadingByteOrderMark() {
        assertThatThrownBy(() -> walk(bytes(0xEF, 0xBB, 0xBF, '{', '}')))
                .isInstanceOfSatisfying(Rejection.class,
                        r -> assertThat(r.failure().detail()).isEqualTo("byte order mark in payload"));
    }

    @Test
    void nestingOf32IsAcceptedAnd33Rejected() {
        walk("{\"a\":" + "[".repeat(31) + "]".repeat(31) + "}");
        assertMalformed(utf8("{\"a\":" + "[".repeat(32) + "]".repeat(32) + "}"));
        walk("{\"a\":" + "{\"b\":".repeat(30) + "{}" + "}".repeat(30) + "}");
        assertMalformed(utf8("{\"a\":" + "{\"b\":".repeat(31) + "{}" + "}".repeat(31) + "}"));
    }

    @Test
    void deepNestingFailsWithoutOverflowingTheStack() {
        assertMalformed(utf8("{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}"));
    }

    @Test
    void memberLimitAppliesToEveryObject() {
        walk(objectWithMembers(JsonReader.MAX_MEMBERS));
        assertMalformed(utf8(objectWithMembers(JsonReader.MAX_MEMBERS + 1)));
        walk("{\"nested\":" + objectWithMembers(JsonReader.MAX_MEMBERS) + "}");
        assertMalformed(utf8("{\"nested\":" + objectWithMembers(JsonReader.MAX_MEMBERS + 1) + "}"));
    }

    private static String objectWithMembers(int count) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",").append("\"m").append(i).append("\":0");
        }
        return json.append('}').toString();
    }

    @Test
    void memberNamesAreUnescapedBeforeComparison() {
        JsonReader reader = new JsonReader(utf8("{\"\\u0061lg\":\"RS256\"}"), "header");
        reader.beginObject();
        assertThat(reader.nextMember()).isTrue();
        assertThat(reader.textIs("alg")).isTrue();
        assertThat(reader.textHash()).isEqualTo("alg".hashCode());
    }

    @Test
    void readsStringArrays() {
        assertThat(readStringArray("[\"a\", \"b\"]")).containsExactly("a", "b");
        assertThat(readStringArray("[]")).isEmpty();
        assertThat(readStringArray("[\"a\",1]")).isNull();
        assertThat(readStringArray("[[\"a\"]]")).isNull();
        assertThat(readStringArray("[\"a\",null]")).isNull();
    }

    private static List<String> readStringArray(String array) {
        JsonReader reader = new JsonReader(utf8("{\"v\":" + array + ",\"after\":1}"), "payload");
        reader.beginObject();
        reader.nextMember();
        List<String> strings = reader.readStringArray();
        assertThat(reader.nextMember()).isTrue();
        assertThat(reader.textIs("after")).isTrue();
        reader.skipValue();
        assertThat(reader.nextMember()).isFalse();
        reader.endDocument();
        return strings;
    }

    @Test
    void readsClaimValuesOfEveryKind() {
        assertThat(claimValue("\"x\"")).isEqualTo(new ClaimValue.Text("x"));
        assertThat(claimValue("[\"x\",\"y\"]")).isEqualTo(new ClaimValue.TextList(List.of("x", "y")));
        assertThat(claimValue("[]")).isEqualTo(new ClaimValue.TextList(List.of()));
        assertThat(claimValue("-1.50e+2")).isEqualTo(new ClaimValue.Number("-1.50e+2"));
        assertThat(claimValue("true")).isEqualTo(new ClaimValue.Bool(true));
        assertThat(claimValue("false")).isEqualTo(new ClaimValue.Bool(false));
        assertThat(claimValue("null")).isEqualTo(new ClaimValue.Other());
        assertThat(claimValue("{\"a\":[1]}")).isEqualTo(new ClaimValue.Other());
        assertThat(claimValue("[\"x\",{}]")).isEqualTo(new ClaimValue.Other());
    }

    private static ClaimValue claimValue(String value) {
        JsonReader reader = new JsonReader(utf8("{\"v\":" + value + "}"), "payload");
        reader.beginObject();
        reader.nextMember();
        ClaimValue claim = reader.readClaimValue();
        assertThat(reader.nextMember()).isFalse();
        reader.endDocument();
        return claim;
    }

    @Test
    void failureDetailNamesTheDocumentButNoContent() {
        JsonReader reader = new JsonReader(utf8("{\"secret-value\" secret}"), "header");
        reader.beginObject();
        assertThatThrownBy(reader::nextMember)
                .isInstanceOfSatisfying(Rejection.class, r -> {
                    assertThat(r.failure().detail()).isEqualTo("invalid JSON in header");
                    assertThat(r.getStackTrace()).isEmpty();
                });
    }
}
