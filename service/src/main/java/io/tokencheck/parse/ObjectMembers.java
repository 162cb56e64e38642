package io.tokencheck.parse;

/**
 * Walks the members of one top-level JSON object for a reader of known names: each known member comes out once,
 * positioned at its value; unknown members are skipped; a duplicate name, known or not, is refused.
 */
final class ObjectMembers {
    /** Returned by {@link #next()} at the end of the object. */
    static final int END = -1;

    private final JsonReader reader;
    private final NameIndex names;
    /** Known names seen so far, by index: a bit mask while there are at most 64 names, else an array. */
    private long seenMask;
    private final boolean[] seen;
    private SeenNames others;

    /** Starts walking the object at the reader's position. */
    ObjectMembers(JsonReader reader, NameIndex names) {
        this.reader = reader;
        this.names = names;
        this.seen = names.size() > Long.SIZE ? new boolean[names.size()] : null;
        reader.beginObject();
    }

    /** The index of the next known member, whose value the caller must now read or skip; {@link #END} when done. */
    int next() {
        while (reader.nextMember()) {
            int name = names.indexOf(reader);
            if (name < 0) {
                if (others == null) {
                    others = new SeenNames();
                }
                if (!others.add(reader)) {
                    throw reader.fail("duplicate member");
                }
                reader.skipValue();
                continue;
            }
            if (seen == null) {
                long bit = 1L << name;
                if ((seenMask & bit) != 0) {
                    throw reader.fail("duplicate member");
                }
                seenMask |= bit;
            } else {
                if (seen[name]) {
                    throw reader.fail("duplicate member");
                }
                seen[name] = true;
            }
            return name;
        }
        return END;
    }
}
