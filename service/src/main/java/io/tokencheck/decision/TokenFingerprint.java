package io.tokencheck.decision;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A short, non-reversible token fingerprint for logs: the first 8 bytes of its SHA-256, in hex. A deny carries one
 * that is hashed only when first read, since most denies are never logged and a flood of forged (or oversized)
 * tokens should not pay a SHA-256 each. {@link #toString()} is the hex, never the token.
 */
public final class TokenFingerprint {
    private final String token;
    private String hex; // racy memo: every thread computes the same immutable String

    private TokenFingerprint(String token) {
        this.token = token;
    }

    /** The fingerprint of this token, computed when first read. */
    public static TokenFingerprint lazy(String token) {
        return new TokenFingerprint(token);
    }

    /** The hex fingerprint (16 characters). */
    public String value() {
        String h = hex;
        if (h == null) {
            h = of(token);
            hex = h;
        }
        return h;
    }

    /** The hex fingerprint, so that log lines can concatenate it. */
    @Override
    public String toString() {
        return value();
    }

    /** The fingerprint of this token. */
    public static String of(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
