package io.tokencheck.verify;

/**
 * The bytes a signature covers, handed to the provider in chunks: a byte array as it is (one chunk), or the first
 * chars of an ASCII string (a token's "header.payload") copied through a small buffer, so that a token's signing
 * input is never copied whole. One instance is read once, on one thread.
 */
public final class SigningInput {
    /** Chunk size for string input: a few provider calls per token, a small buffer per verification. */
    private static final int CHUNK = 128;

    private final String text;
    /** Chars of text to read (unused for byte input). */
    private final int length;
    private final byte[] chunk;
    private int offset;

    private SigningInput(String text, int length, byte[] chunk) {
        this.text = text;
        this.length = length;
        this.chunk = chunk;
    }

    /** These bytes (null is refused by the provider, inside the verification, like any bad input). */
    public static SigningInput of(byte[] bytes) {
        return new SigningInput(null, -1, bytes);
    }

    /** The first {@code length} chars of this text, one byte each; they must all be ASCII (see {@link #next}). */
    public static SigningInput ofAscii(String text, int length) {
        if (length < 0 || length > text.length()) {
            throw new IllegalArgumentException("length outside the text");
        }
        return new SigningInput(text, length, new byte[Math.min(length, CHUNK)]);
    }

    /** The buffer that {@link #next} fills. */
    byte[] chunk() {
        return chunk;
    }

    /**
     * Fills the next chunk and returns its size, 0 at the end. -1 when the text holds a char above 0x7F: it has no
     * one-byte form, so the input cannot be what was signed and the signature is to be refused.
     */
    int next() {
        if (text == null) {
            int n = chunk.length - offset;
            offset = chunk.length;
            return n;
        }
        int n = Math.min(length - offset, CHUNK);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(offset + i);
            if (c > 0x7F) {
                return -1;
            }
            chunk[i] = (byte) c;
        }
        offset += n;
        return n;
    }
}
