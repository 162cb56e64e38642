package io.tokencheck.verify;

import java.math.BigInteger;

/**
 * The exact shape JOSE requires of a signature for one key, checked before any provider sees the bytes:
 * providers differ in what they tolerate (DER for ECDSA, short RSA signatures), JOSE does not.
 */
sealed interface JoseSignatureFormat {
    /** True when the signature has exactly the shape this algorithm and key require. */
    boolean accepts(byte[] sig);

    /** RSA: exactly the modulus length (RFC 8017 8.2.2 step 1, RFC 7518 3.3). */
    record RsaModulusLength(int bytes) implements JoseSignatureFormat {
        /** For a key with this modulus. */
        static RsaModulusLength of(BigInteger modulus) {
            return new RsaModulusLength((modulus.bitLength() + 7) / 8);
        }

        @Override
        public boolean accepts(byte[] sig) {
            return sig.length == bytes;
        }
    }

    /**
     * ECDSA: raw R || S (RFC 7518 3.4), each exactly {@code half} bytes, with 1 <= r, s < n: no DER, no zero
     * ("psychic signatures", CVE-2022-21449), no values a lenient provider would reduce mod n.
     *
     * @param half  the coordinate length of the curve in bytes
     * @param order the curve order n, big-endian, exactly {@code half} bytes
     */
    record EcdsaRawRs(int half, byte[] order) implements JoseSignatureFormat {
        /** For a curve with this order and coordinate length. */
        static EcdsaRawRs of(BigInteger order, int half) {
            byte[] b = order.toByteArray();
            byte[] fixed = new byte[half];
            int copy = Math.min(b.length, half);
            System.arraycopy(b, b.length - copy, fixed, half - copy, copy);
            return new EcdsaRawRs(half, fixed);
        }

        @Override
        public boolean accepts(byte[] sig) {
            return sig.length == 2 * half && inRange(sig, 0) && inRange(sig, half);
        }

        // 1 <= v < n on fixed-length big-endian bytes; no BigInteger, so nothing is allocated per call.
        private boolean inRange(byte[] sig, int offset) {
            boolean nonZero = false;
            int cmp = 0;
            for (int i = 0; i < half; i++) {
                int v = sig[offset + i] & 0xff;
                int n = order[i] & 0xff;
                nonZero |= v != 0;
                if (cmp == 0 && v != n) {
                    cmp = v < n ? -1 : 1;
                }
            }
            return nonZero && cmp < 0;
        }
    }

    /** A fixed length: Ed25519 (64 bytes, RFC 8032 5.1.7) and HMAC (the hash length, RFC 7518 3.2). */
    record FixedLength(int bytes) implements JoseSignatureFormat {
        @Override
        public boolean accepts(byte[] sig) {
            return sig.length == bytes;
        }
    }
}
