package io.tokencheck.attacks;

import static io.tokencheck.attacks.AttackTarget.KIT;
import static io.tokencheck.attacks.AttackTarget.parts;
import static io.tokencheck.attacks.AttackTarget.reason;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokencheck.keys.JwsAlgorithm;
import io.tokencheck.reason.DenyReason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Base64url spelling (RFC 7515 section 2; jpadilla/pyjwt#676, CVE-2020-15225-style signature malleability): one byte
 * string has exactly one accepted spelling, so a genuine token re-spelt in any other way is refused before anything
 * is verified or cached under a second name.
 */
class Base64UrlSpellingTest {
    private static final String GENUINE = KIT.token().alg(JwsAlgorithm.HS256).claim("jti", "ab").sign();
    private static final String GENUINE_RS = KIT.token().sign();

    @Test
    void theGenuineTokensAreAllowed() {
        assertThat(reason(GENUINE)).isNull();
        assertThat(reason(GENUINE_RS)).isNull();
    }

    /** Respellings of one segment of a genuine token: segment index, kind, new segment text. */
    static List<Object[]> respellings() {
        List<Object[]> out = new ArrayList<>();
        for (String token : List.of(GENUINE, GENUINE_RS)) {
            String[] p = parts(token);
            for (int i = 0; i < 3; i++) {
                String s = p[i];
                out.add(new Object[] {token, i, "padding", s + "=".repeat((4 - s.length() % 4) % 4 == 0 ? 1 : (4 - s.length() % 4))});
                out.add(new Object[] {token, i, "double-padding", s + "=="});
                out.add(new Object[] {token, i, "leading-space", " " + s});
                out.add(new Object[] {token, i, "inner-space", s.substring(0, 4) + " " + s.substring(4)});
                out.add(new Object[] {token, i, "inner-newline", s.substring(0, 4) + "\n" + s.substring(4)});
                out.add(new Object[] {token, i, "inner-tab", s.substring(0, 4) + "\t" + s.substring(4)});
                out.add(new Object[] {token, i, "inner-crlf", s.substring(0, 4) + "\r\n" + s.substring(4)});
                out.add(new Object[] {token, i, "percent-encoded", s.substring(0, 4) + "%41" + s.substring(4)});
                out.add(new Object[] {token, i, "non-ascii", s.substring(0, 4) + "\u00c4" + s.substring(4)});
                out.add(new Object[] {token, i, "fullwidth", s.substring(0, 4) + "\uff21" + s.substring(4)});
                if (s.length() % 4 == 0) {
                    out.add(new Object[] {token, i, "extra-char-4n+1", s + "A"});
                }
                out.add(new Object[] {token, i, "truncated-to-4n+1", s.substring(0, (s.length() / 4) * 4 - 3)});
                if (s.indexOf('-') >= 0 || s.indexOf('_') >= 0) {
                    out.add(new Object[] {token, i, "standard-alphabet", s.replace('-', '+').replace('_', '/')});
                }
                String nonCanonical = nonCanonicalTail(s);
                if (nonCanonical != null) {
                    out.add(new Object[] {token, i, "non-zero-trailing-bits", nonCanonical});
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "segment {1}: {2}")
    @MethodSource("respellings")
    void respeltSegmentOfAGenuineTokenIsTokenMalformed(String token, int segment, String kind, String respelt) {
        String[] p = parts(token);
        p[segment] = respelt;
        assertThat(reason(String.join(".", p))).isEqualTo(DenyReason.TOKEN_MALFORMED);
    }

    @Test
    void standardAlphabetInEverySegmentIsTokenMalformed() {
        // Find a genuine token whose every segment has a - or _, so the re-spelling really changes each one.
        for (int i = 0; i < 200; i++) {
            String t = KIT.token().alg(JwsAlgorithm.HS256).claim("jti", "j" + i + "??>>").sign();
            String std = t.replace('-', '+').replace('_', '/');
            if (!std.equals(t)) {
                assertThat(reason(std)).isEqualTo(DenyReason.TOKEN_MALFORMED);
                return;
            }
        }
        throw new AssertionError("no token with a - or _ found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "...", "a.b", "a..c", ".b.c", "a.b.c.d", "a.b.c.d.e.f", "....", "a.b.c.", ".a.b.c"})
    void emptySegmentsAndWrongDotCountsAreTokenMalformed(String shape) {
        // Real segments where the shape has letters, so only the structure is wrong.
        String[] p = parts(GENUINE);
        StringBuilder t = new StringBuilder();
        for (char c : shape.toCharArray()) {
            t.append(c == '.' ? "." : c == 'a' ? p[0] : c == 'b' ? p[1] : p[2]);
        }
        assertThat(reason(t.toString())).isEqualTo(DenyReason.TOKEN_MALFORMED);
    }

    @Test
    void emptyHeaderOrPayloadIsTokenMalformedButAnEmptySignatureIsSignatureInvalid() {
        String[] p = parts(GENUINE);
        assertThat(reason("." + p[1] + "." + p[2])).isEqualTo(DenyReason.TOKEN_MALFORMED);
        assertThat(reason(p[0] + ".." + p[2])).isEqualTo(DenyReason.TOKEN_MALFORMED);
        // CVE-2020-28042: the signature stripped, alg left alone. Well-formed, but it verifies for no key.
        assertThat(reason(p[0] + "." + p[1] + ".")).isEqualTo(DenyReason.SIGNATURE_INVALID);
        String[] rs = parts(GENUINE_RS);
        assertThat(reason(rs[0] + "." + rs[1] + ".")).isEqualTo(DenyReason.SIGNATURE_INVALID);
    }

    @Test
    void surroundingWhitespaceIsTokenMalformed() {
        for (String ws : List.of(" ", "\t", "\n", "\r\n", "\u0000")) {
            assertThat(reason(ws + GENUINE)).as("leading %s", ws.codePointAt(0)).isEqualTo(DenyReason.TOKEN_MALFORMED);
            assertThat(reason(GENUINE + ws)).as("trailing %s", ws.codePointAt(0)).isEqualTo(DenyReason.TOKEN_MALFORMED);
        }
    }

    /** The segment with its last char changed so that only the unused low bits differ, or null when there are none. */
    private static String nonCanonicalTail(String s) {
        int rest = s.length() % 4;
        if (rest == 0) {
            return null;
        }
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int v = alphabet.indexOf(s.charAt(s.length() - 1));
        // The lowest bit of the last char is unused for both 2- and 3-char tails.
        return s.substring(0, s.length() - 1) + alphabet.charAt(v ^ 1);
    }
}
