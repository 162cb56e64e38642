package io.tokencheck.attacks;

import static io.tokencheck.attacks.AttackTarget.HS_HEADER;
import static io.tokencheck.attacks.AttackTarget.KIT;
import static io.tokencheck.attacks.AttackTarget.claims;
import static io.tokencheck.attacks.AttackTarget.hs256;
import static io.tokencheck.attacks.AttackTarget.reason;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokencheck.decision.TokenChecker;
import io.tokencheck.reason.DenyReason;
import org.junit.jupiter.api.Test;

/**
 * Size and shape bounds (CVE-2023-36478-style decompression and nesting bombs, CVE-2022-21682 jose4j-like big
 * exponents): a too-long token is refused before it is decoded, and nesting depth and member counts are bounded.
 */
class SizeLimitTest {

    @Test
    void tokenOverTheLimitIsTokenTooLargeBeforeAnyDecoding() {
        // Not even base64url: the size is the first thing checked, so the reason cannot be token_malformed.
        assertThat(reason("!".repeat(8193))).isEqualTo(DenyReason.TOKEN_TOO_LARGE);
        assertThat(reason("a".repeat(8193))).isEqualTo(DenyReason.TOKEN_TOO_LARGE);
        String big = KIT.token().claim("pad", "x".repeat(7000)).sign();
        assertThat(big.length()).isGreaterThan(8192);
        assertThat(reason(big)).isEqualTo(DenyReason.TOKEN_TOO_LARGE);
    }

    @Test
    void tokenAtTheLimitIsDecided() {
        String t = KIT.token().sign();
        int pad = 8192 - t.length();
        // Grow the payload until the token is exactly at the limit (base64 grows 4 per 3 bytes).
        String exact = null;
        for (int extra = pad * 3 / 4 - 20; extra < pad; extra++) {
            String c = KIT.token().claim("pad", "x".repeat(Math.max(0, extra))).sign();
            if (c.length() == 8192) {
                exact = c;
                break;
            }
            if (c.length() > 8192) {
                break;
            }
        }
        if (exact != null) {
            assertThat(reason(exact)).isNull();
        }
        assertThat(reason(t)).isNull();
    }

    @Test
    void aSmallConfiguredLimitIsEnforced() {
        TokenChecker small = AttackTarget.checkerWithLimit(200);
        assertThat(reason(small.check(KIT.token().sign(), null))).isEqualTo(DenyReason.TOKEN_TOO_LARGE);
    }

    @Test
    void deepNestingIsTokenMalformed() {
        for (String open : new String[] {"[", "{\"a\":"}) {
            String close = open.equals("[") ? "]" : "}";
            // 100 levels: beyond the parser's depth bound (32), within the default 8 KiB token limit.
            String deep = open.repeat(100) + "1" + close.repeat(100);
            assertThat(reason(hs256(HS_HEADER, claims("\"deep\":" + deep)))).as(open).isEqualTo(DenyReason.TOKEN_MALFORMED);
            assertThat(reason(hs256("{\"alg\":\"HS256\",\"kid\":\"hs-1\",\"x\":" + deep + "}", claims(""))))
                    .as("header " + open).isEqualTo(DenyReason.TOKEN_MALFORMED);
        }
    }

    @Test
    void deepNestingInAMegabyteTokenDoesNotOverflowTheStack() {
        TokenChecker huge = AttackTarget.checkerWithLimit(4 << 20);
        String deep = "[".repeat(1_000_000);
        assertThat(reason(huge.check(hs256(HS_HEADER, claims("\"deep\":" + deep)), null))).isEqualTo(DenyReason.TOKEN_MALFORMED);
        String unclosed = "{\"a\":".repeat(200_000);
        assertThat(reason(huge.check(hs256(HS_HEADER, unclosed), null))).isEqualTo(DenyReason.TOKEN_MALFORMED);
    }

    @Test
    void hugeMemberCountIsTokenMalformedWhileLongArraysAreBoundedByTheTokenSize() {
        TokenChecker big = AttackTarget.checkerWithLimit(1 << 20);
        StringBuilder members = new StringBuilder();
        for (int i = 0; i < 1500; i++) {
            members.append(i == 0 ? "" : ",").append("\"m").append(i).append("\":0");
        }
        assertThat(reason(big.check(hs256(HS_HEADER, claims(members.toString())), null))).isEqualTo(DenyReason.TOKEN_MALFORMED);
        StringBuilder array = new StringBuilder("[");
        for (int i = 0; i < 3000; i++) {
            array.append(i == 0 ? "" : ",").append('0');
        }
        // Array elements need no duplicate check, so they are skipped in linear time: only the size limit bounds them.
        assertThat(reason(big.check(hs256(HS_HEADER, claims("\"arr\":" + array + "]")), null))).isNull();
        assertThat(reason(big.check(hs256(HS_HEADER, claims("\"aud2\":[" + "\"a\",".repeat(100_000) + "\"a\"]")), null))).isNull();
    }

    @Test
    void hugeNumbersAndStringsAreBoundedByTheTokenSize() {
        TokenChecker huge = AttackTarget.checkerWithLimit(4 << 20);
        String digits = "9".repeat(1_000_000);
        assertThat(reason(huge.check(hs256(HS_HEADER, "{\"iss\":\"" + KIT.issuer() + "\",\"aud\":\"api://default\",\"exp\":" + digits + "}"), null)))
                .isEqualTo(DenyReason.CLAIM_INVALID);
        assertThat(reason(huge.check(hs256(HS_HEADER, "{\"iss\":\"" + KIT.issuer() + "\",\"aud\":\"api://default\",\"exp\":1e" + digits + "}"), null)))
                .isEqualTo(DenyReason.CLAIM_INVALID);
        String escapes = "\\u0041".repeat(300_000);
        // Under a 4 MiB limit a 2.4 MB token of escapes is simply decided (allowed: it is genuine).
        assertThat(reason(huge.check(hs256(HS_HEADER, claims("\"x\":\"" + escapes + "\"")), null))).isNull();
    }
}
