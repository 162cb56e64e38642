package io.tokencheck.policy;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The scopes of one space-delimited scope string as an immutable list that makes a scope's String only when it is
 * read: policies ask {@link #contains}, answered from the source text, and only an identity that is passed on reads
 * the scopes themselves. In token order, without duplicates (the first one counts). Thread-safe: the memo may be
 * filled by several threads at once, each writing an equal immutable String.
 */
final class DelimitedScopes extends AbstractList<String> implements RandomAccess {
    private final String source;
    /** Scope i is source[bounds[2i], bounds[2i + 1]). */
    private final int[] bounds;
    private final int size;
    private final String[] memo;

    private DelimitedScopes(String source, int[] bounds, int size) {
        this.source = source;
        this.bounds = bounds;
        this.size = size;
        this.memo = new String[size];
    }

    /** The scopes of this space-delimited value. */
    static List<String> of(String value) {
        int[] bounds = new int[2 * countWords(value)];
        int size = 0;
        int i = 0;
        int n = value.length();
        while (i < n) {
            while (i < n && value.charAt(i) == ' ') {
                i++;
            }
            int start = i;
            while (i < n && value.charAt(i) != ' ') {
                i++;
            }
            if (i > start && indexOf(value, bounds, size, value, start, i - start) < 0) {
                bounds[2 * size] = start;
                bounds[2 * size + 1] = i;
                size++;
            }
        }
        return size == 0 ? List.of() : new DelimitedScopes(value, bounds, size);
    }

    @Override
    public String get(int index) {
        Objects.checkIndex(index, size);
        String scope = memo[index];
        if (scope == null) {
            scope = source.substring(bounds[2 * index], bounds[2 * index + 1]);
            memo[index] = scope;
        }
        return scope;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean contains(Object o) {
        return indexOf(o) >= 0;
    }

    @Override
    public int indexOf(Object o) {
        return o instanceof String s ? indexOf(source, bounds, size, s, 0, s.length()) : -1;
    }

    @Override
    public int lastIndexOf(Object o) {
        return indexOf(o); // no duplicates
    }

    /** The index among the first {@code size} scopes of the one equal to {@code text[start, start + length)}, or -1. */
    private static int indexOf(String source, int[] bounds, int size, String text, int start, int length) {
        for (int k = 0; k < size; k++) {
            int from = bounds[2 * k];
            if (bounds[2 * k + 1] - from == length && source.regionMatches(from, text, start, length)) {
                return k;
            }
        }
        return -1;
    }

    private static int countWords(String value) {
        int count = 0;
        boolean inWord = false;
        for (int i = 0; i < value.length(); i++) {
            boolean space = value.charAt(i) == ' ';
            if (!space && !inWord) {
                count++;
            }
            inWord = !space;
        }
        return count;
    }
}
