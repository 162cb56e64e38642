package io.tokencheck.testing;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;

/** Builds ECDSA signature bytes for hostile-signature tests: fixed-width raw R || S and the DER form JWS forbids. */
public final class EcdsaSignatureBytes {
    private EcdsaSignatureBytes() {
    }

    /** {@code v} as an unsigned big-endian integer of exactly {@code len} bytes (high bytes dropped if it is longer). */
    public static byte[] fixed(BigInteger v, int len) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[len];
        int copy = Math.min(b.length, len);
        System.arraycopy(b, b.length - copy, out, len - copy, copy);
        return out;
    }

    /** {@code a} followed by {@code b}. */
    public static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The raw JWS signature {@code r || s} re-encoded as the ASN.1 DER SEQUENCE of two INTEGERs JCA providers use. */
    public static byte[] derOfRaw(byte[] rawRs) {
        int half = rawRs.length / 2;
        return der(new BigInteger(1, Arrays.copyOfRange(rawRs, 0, half)),
                new BigInteger(1, Arrays.copyOfRange(rawRs, half, rawRs.length)));
    }

    /** The ASN.1 DER SEQUENCE { INTEGER r, INTEGER s } (long-form length where P-521 needs it). */
    public static byte[] der(BigInteger r, BigInteger s) {
        byte[] rb = r.toByteArray();
        byte[] sb = s.toByteArray();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0x02);
        writeLength(body, rb.length);
        body.writeBytes(rb);
        body.write(0x02);
        writeLength(body, sb.length);
        body.writeBytes(sb);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        writeLength(out, body.size());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static void writeLength(ByteArrayOutputStream out, int len) {
        if (len >= 128) {
            out.write(0x81);
        }
        out.write(len);
    }
}
