package io.tokencheck.keys;

import java.util.HexFormat;

/**
 * Recognises the encodings of the Ed25519 points of small order (orders 1, 2, 4 and 8, canonical or not), as
 * libsodium's {@code ge25519_has_small_order} does: the sign bit is ignored, the other 255 bits are compared.
 */
final class Ed25519SmallOrder {
    private static final byte[][] ENCODINGS = {
            hex("0100000000000000000000000000000000000000000000000000000000000000"), // order 1 (identity)
            hex("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"), // order 2 (y = p - 1)
            hex("0000000000000000000000000000000000000000000000000000000000000000"), // order 4 (y = 0)
            hex("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"), // order 8
            hex("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"), // order 8
            hex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"), // y = p (non-canonical 0)
            hex("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"), // y = p + 1 (non-canonical 1)
    };

    private Ed25519SmallOrder() {
    }

    /** True when these 32 bytes encode a point of small order. */
    static boolean is(byte[] x) {
        if (x.length != 32) {
            return false;
        }
        for (byte[] e : ENCODINGS) {
            int diff = (x[31] ^ e[31]) & 0x7f;
            for (int i = 0; i < 31; i++) {
                diff |= x[i] ^ e[i];
            }
            if (diff == 0) {
                return true;
            }
        }
        return false;
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }
}
