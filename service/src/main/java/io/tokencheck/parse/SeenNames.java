package io.tokencheck.parse;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The unknown member names already seen in one object, to reject duplicates among members whose values are
 * skipped. Keeps only the unescaped name chars (never values) and finds them by a seeded hash, verifying the
 * chars on a hash match. The seed is random per JVM so that a token cannot be crafted to make every name
 * collide (String.hashCode collisions are trivial to build). One instance serves one object on one thread.
 */
final class SeenNames {
    private static final int SEED = ThreadLocalRandom.current().nextInt() | 1;

    private char[] chars = new char[64];
    private int charsUsed;
    private int[] offsets = new int[8];
    private int[] lengths = new int[8];
    private int[] hashes = new int[8];
    private int count;
    /** Open addressing: entry + 1, 0 for an empty slot; kept at most half full. */
    private int[] slots = new int[16];

    /** Records the name the reader last read; false when it was already recorded. */
    boolean add(JsonReader reader) {
        int length = reader.textLength();
        int hash = hash(reader, length);
        int mask = slots.length - 1;
        int slot = hash & mask;
        while (slots[slot] != 0) {
            int entry = slots[slot] - 1;
            if (hashes[entry] == hash && sameChars(entry, reader, length)) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        store(reader, length, hash);
        slots[slot] = count;
        if (count * 2 > slots.length) {
            rehash();
        }
        return true;
    }

    private void store(JsonReader reader, int length, int hash) {
        if (count == offsets.length) {
            offsets = Arrays.copyOf(offsets, count * 2);
            lengths = Arrays.copyOf(lengths, count * 2);
            hashes = Arrays.copyOf(hashes, count * 2);
        }
        if (charsUsed + length > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(chars.length * 2, charsUsed + length));
        }
        for (int i = 0; i < length; i++) {
            chars[charsUsed + i] = reader.textChar(i);
        }
        offsets[count] = charsUsed;
        lengths[count] = length;
        hashes[count] = hash;
        charsUsed += length;
        count++;
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        int mask = slots.length - 1;
        for (int entry = 0; entry < count; entry++) {
            int slot = hashes[entry] & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = entry + 1;
        }
    }

    private boolean sameChars(int entry, JsonReader reader, int length) {
        if (lengths[entry] != length) {
            return false;
        }
        int offset = offsets[entry];
        for (int i = 0; i < length; i++) {
            if (chars[offset + i] != reader.textChar(i)) {
                return false;
            }
        }
        return true;
    }

    private static int hash(JsonReader reader, int length) {
        int h = SEED ^ length;
        for (int i = 0; i < length; i++) {
            h = (h ^ reader.textChar(i)) * 0x9E3779B1;
            h ^= h >>> 15;
        }
        h *= 0x85EBCA6B;
        return h ^ (h >>> 13);
    }
}
