package io.tokencheck.parse;

import java.util.List;

/**
 * A fixed set of member names, each with an index, looked up by the name a {@link JsonReader} just read
 * without turning that name into a String. Immutable, so one instance serves all threads.
 */
final class NameIndex {
    private final String[] names;
    /** Open addressing over String.hashCode: index + 1 of the name, 0 for an empty slot. */
    private final int[] slots;
    private final int mask;

    NameIndex(List<String> names) {
        this.names = names.toArray(String[]::new);
        int size = Integer.highestOneBit(Math.max(4, this.names.length * 2)) << 1;
        this.slots = new int[size];
        this.mask = size - 1;
        for (int i = 0; i < this.names.length; i++) {
            int slot = spread(this.names[i].hashCode()) & mask;
            while (slots[slot] != 0) {
                if (this.names[slots[slot] - 1].equals(this.names[i])) {
                    throw new IllegalArgumentException("duplicate name in index");
                }
                slot = (slot + 1) & mask;
            }
            slots[slot] = i + 1;
        }
    }

    /** How many names there are. */
    int size() {
        return names.length;
    }

    /** The name with this index. */
    String name(int index) {
        return names[index];
    }

    /** The index of the name the reader last read, or -1 when it is not one of these names. */
    int indexOf(JsonReader reader) {
        int hash = reader.textHash();
        int slot = spread(hash) & mask;
        while (slots[slot] != 0) {
            String candidate = names[slots[slot] - 1];
            if (candidate.hashCode() == hash && reader.textIs(candidate)) {
                return slots[slot] - 1;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    /** The index of the name spelt by the ASCII bytes {@code bytes[from, to)}, or -1 when it is not one of these names. */
    int indexOf(byte[] bytes, int from, int to) {
        int hash = 0;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + bytes[i];
        }
        int length = to - from;
        int slot = spread(hash) & mask;
        while (slots[slot] != 0) {
            String candidate = names[slots[slot] - 1];
            if (candidate.hashCode() == hash && candidate.length() == length && sameChars(candidate, bytes, from)) {
                return slots[slot] - 1;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    private static boolean sameChars(String candidate, byte[] bytes, int from) {
        for (int i = 0; i < candidate.length(); i++) {
            if (candidate.charAt(i) != bytes[from + i]) {
                return false;
            }
        }
        return true;
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }
}
