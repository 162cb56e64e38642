package io.tokencheck.parse;

import java.util.Arrays;

/**
 * Strict base64url decoding (RFC 7515 section 2) straight from a String's chars: the URL-safe alphabet only,
 * no padding, no whitespace, and only the canonical encoding (unused trailing bits must be zero), so that every
 * byte string has exactly one accepted spelling.
 */
final class Base64Url {
    /** Sextet value of each ASCII char, -1 when it is not in the alphabet. */
    private static final byte[] SEXTETS = new byte[128];

    static {
        Arrays.fill(SEXTETS, (byte) -1);
        for (int i = 0; i < 26; i++) {
            SEXTETS['A' + i] = (byte) i;
            SEXTETS['a' + i] = (byte) (26 + i);
        }
        for (int i = 0; i < 10; i++) {
            SEXTETS['0' + i] = (byte) (52 + i);
        }
        SEXTETS['-'] = 62;
        SEXTETS['_'] = 63;
    }

    private Base64Url() {
    }

    /** Decodes {@code s[from, to)}, or returns null when that range is not canonical unpadded base64url. */
    static byte[] decode(String s, int from, int to) {
        int length = to - from;
        int rest = length & 3;
        if (length < 0 || rest == 1) {
            return null;
        }
        byte[] out = new byte[(length >> 2) * 3 + (rest == 0 ? 0 : rest - 1)];
        int i = from;
        int o = 0;
        int fullEnd = to - rest;
        while (i < fullEnd) {
            int a = sextet(s.charAt(i));
            int b = sextet(s.charAt(i + 1));
            int c = sextet(s.charAt(i + 2));
            int d = sextet(s.charAt(i + 3));
            if ((a | b | c | d) < 0) {
                return null;
            }
            int bits = a << 18 | b << 12 | c << 6 | d;
            out[o++] = (byte) (bits >> 16);
            out[o++] = (byte) (bits >> 8);
            out[o++] = (byte) bits;
            i += 4;
        }
        if (rest == 2) {
            int a = sextet(s.charAt(i));
            int b = sextet(s.charAt(i + 1));
            // 12 bits carry one byte; the low 4 bits of the last char must be zero.
            if ((a | b) < 0 || (b & 0x0F) != 0) {
                return null;
            }
            out[o] = (byte) (a << 2 | b >> 4);
        } else if (rest == 3) {
            int a = sextet(s.charAt(i));
            int b = sextet(s.charAt(i + 1));
            int c = sextet(s.charAt(i + 2));
            // 18 bits carry two bytes; the low 2 bits of the last char must be zero.
            if ((a | b | c) < 0 || (c & 0x03) != 0) {
                return null;
            }
            int bits = a << 12 | b << 6 | c;
            out[o++] = (byte) (bits >> 10);
            out[o] = (byte) (bits >> 2);
        }
        return out;
    }

    private static int sextet(char c) {
        return c < 128 ? SEXTETS[c] : -1;
    }
}
