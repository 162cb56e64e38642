package io.tokencheck.parse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A strict, pull-style JSON reader (RFC 8259) over the UTF-8 bytes of one JOSE header or JWT payload.
 * It walks the members of the top-level object; the caller reads the values it needs and skips the rest,
 * which are fully validated but never materialised. Member names are compared in place when they are plain ASCII,
 * else unescaped into a reused char buffer, so that they are never turned into Strings. Every violation throws a {@link Rejection}.
 * One instance reads one document at a time on one thread; {@link #restart} reuses it (and its buffer) for the next.
 */
final class JsonReader {
    /** Deepest accepted nesting, counting the top-level object as 1. */
    static final int MAX_DEPTH = 32;
    /** Most members accepted in any one object. */
    static final int MAX_MEMBERS = 1000;

    /** The kind of the next value, decided by its first byte. */
    enum Kind { STRING, NUMBER, OBJECT, ARRAY, TRUE, FALSE, NULL }

    private byte[] in;
    private String where;
    private int pos;
    /** Open containers being iterated: 1 inside the top-level object, 2 inside an array member. */
    private int depth;
    private int members;
    private int elements;
    /**
     * The last string read (a member name or a value), unescaped: in[plainStart, plainStart + textLength) when it
     * was plain ASCII without escapes (a member name read in place), else text[0, textLength) (allocated when first
     * needed: names are nearly always plain).
     */
    private char[] text;
    private int plainStart = -1;
    private int textLength;
    private int textHash;
    private int numberStart;
    private int numberEnd;

    /**
     * @param json  the document
     * @param where "header" or "payload", used in failure details
     */
    JsonReader(byte[] json, String where) {
        this.in = json;
        this.where = where;
    }

    /** Starts reading another document (the header's reader then reads the payload), keeping the text buffer. */
    JsonReader restart(byte[] json, String where) {
        this.in = json;
        this.where = where;
        pos = 0;
        depth = 0;
        members = 0;
        elements = 0;
        return this;
    }

    /** A TOKEN_MALFORMED rejection naming the phrase and the document. */
    Rejection fail(String phrase) {
        return Rejection.malformed(phrase + " in " + where);
    }

    /** Enters the top-level object. */
    void beginObject() {
        if (in.length >= 3 && (in[0] & 0xFF) == 0xEF && (in[1] & 0xFF) == 0xBB && (in[2] & 0xFF) == 0xBF) {
            throw fail("byte order mark");
        }
        skipWhitespace();
        if (pos >= in.length || in[pos] != '{') {
            throw fail("non-object JSON");
        }
        pos++;
        depth = 1;
        members = 0;
    }

    /**
     * Moves to the next top-level member and reads its name (see {@link #textIs}); false at the end of the object.
     * The member's value must then be read or skipped before calling this again.
     */
    boolean nextMember() {
        skipWhitespace();
        if (pos < in.length && in[pos] == '}') {
            pos++;
            depth = 0;
            return false;
        }
        if (members > 0) {
            expect(',');
            skipWhitespace();
        }
        if (++members > MAX_MEMBERS) {
            throw fail("too many members");
        }
        expectAt('"');
        readName();
        skipWhitespace();
        expect(':');
        return true;
    }

    /** Requires that nothing but whitespace follows the top-level object. */
    void endDocument() {
        skipWhitespace();
        if (pos != in.length) {
            throw fail("trailing data");
        }
    }

    /** The kind of the next value, without consuming it. */
    Kind peek() {
        skipWhitespace();
        if (pos >= in.length) {
            throw fail("invalid JSON");
        }
        return switch (in[pos]) {
            case '"' -> Kind.STRING;
            case '{' -> Kind.OBJECT;
            case '[' -> Kind.ARRAY;
            case 't' -> Kind.TRUE;
            case 'f' -> Kind.FALSE;
            case 'n' -> Kind.NULL;
            case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> Kind.NUMBER;
            default -> throw fail("invalid JSON");
        };
    }

    /** Reads a string value; call after {@link #peek} said STRING. */
    String readString() {
        expectAt('"');
        int start = pos + 1;
        int end = plainRunEnd(start);
        if (end < in.length && in[end] == '"') {
            // The common case: printable ASCII without escapes, copied straight from the bytes.
            pos = end + 1;
            return new String(in, start, end - start, StandardCharsets.ISO_8859_1);
        }
        readText();
        return new String(text, 0, textLength);
    }

    /**
     * Reads a string value like {@link #readString}, but returns the known name's own String when the value is one
     * of these names (alg and typ values are nearly always one of a few), so that no String is created for it.
     */
    String readString(NameIndex known) {
        expectAt('"');
        int start = pos + 1;
        int end = plainRunEnd(start);
        if (end < in.length && in[end] == '"') {
            // Printable ASCII without escapes: compared straight from the bytes, as readString copies them.
            pos = end + 1;
            int index = known.indexOf(in, start, end);
            return index >= 0 ? known.name(index) : new String(in, start, end - start, StandardCharsets.ISO_8859_1);
        }
        readText();
        int index = known.indexOf(this);
        return index >= 0 ? known.name(index) : new String(text, 0, textLength);
    }

    /** Reads a number value and remembers its literal span; call after {@link #peek} said NUMBER. */
    void readNumber() {
        numberStart = pos;
        scanNumber();
        numberEnd = pos;
    }

    /** The literal text of the number last read. */
    String numberLiteral() {
        return new String(in, numberStart, numberEnd - numberStart, StandardCharsets.ISO_8859_1);
    }

    /** The floored epoch seconds of the number last read, or {@link NumericDate#INVALID}. */
    long numberAsSeconds() {
        return NumericDate.seconds(in, numberStart, numberEnd);
    }

    /** Reads true or false; call after {@link #peek} said TRUE or FALSE. */
    boolean readBoolean() {
        if (in[pos] == 't') {
            literal("true");
            return true;
        }
        literal("false");
        return false;
    }

    /** Validates and discards the next value, whatever it is. */
    void skipValue() {
        skip(depth);
    }

    /**
     * Reads an array value whose elements should all be strings: the unmodifiable list of them,
     * or null when some element is not a string (the whole array is still consumed and validated).
     */
    List<String> readStringArray() {
        beginArray();
        // Most arrays in tokens (aud, scp) hold one or two strings: those need no list beyond List.of's.
        String first = null;
        String second = null;
        List<String> more = null;
        int count = 0;
        boolean allStrings = true;
        while (nextElement()) {
            if (allStrings && peek() == Kind.STRING) {
                String s = readString();
                if (count == 0) {
                    first = s;
                } else if (count == 1) {
                    second = s;
                } else {
                    if (more == null) {
                        more = new ArrayList<>(8);
                        more.add(first);
                        more.add(second);
                    }
                    more.add(s);
                }
                count++;
            } else {
                allStrings = false;
                skipValue();
            }
        }
        if (!allStrings) {
            return null;
        }
        return switch (count) {
            case 0 -> List.of();
            case 1 -> List.of(first);
            case 2 -> List.of(first, second);
            default -> Collections.unmodifiableList(more);
        };
    }

    /**
     * Reads any value as a claim value: a string, an array of only strings, a number (its literal), a boolean,
     * or {@link ClaimValue.Other} for null, an object or a mixed array (validated, not materialised).
     */
    ClaimValue readClaimValue() {
        return switch (peek()) {
            case STRING -> new ClaimValue.Text(readString());
            case NUMBER -> {
                readNumber();
                yield new ClaimValue.Number(numberLiteral());
            }
            case TRUE, FALSE -> new ClaimValue.Bool(readBoolean());
            case ARRAY -> {
                List<String> strings = readStringArray();
                yield strings != null ? new ClaimValue.TextList(strings) : new ClaimValue.Other();
            }
            case NULL, OBJECT -> {
                skipValue();
                yield new ClaimValue.Other();
            }
        };
    }

    /** True when the text last read (usually a member name) equals {@code s}. */
    boolean textIs(String s) {
        if (s.length() != textLength) {
            return false;
        }
        for (int i = 0; i < textLength; i++) {
            if (s.charAt(i) != textChar(i)) {
                return false;
            }
        }
        return true;
    }

    /** String.hashCode of the text last read. */
    int textHash() {
        return textHash;
    }

    /** Length of the text last read. */
    int textLength() {
        return textLength;
    }

    /** Char i of the text last read. */
    char textChar(int i) {
        return plainStart >= 0 ? (char) in[plainStart + i] : text[i];
    }

    private void beginArray() {
        expectAt('[');
        if (depth + 1 > MAX_DEPTH) {
            throw fail("nesting too deep");
        }
        pos++;
        depth++;
        elements = 0;
    }

    private boolean nextElement() {
        skipWhitespace();
        if (pos < in.length && in[pos] == ']') {
            pos++;
            depth--;
            return false;
        }
        if (elements > 0) {
            expect(',');
        }
        elements++;
        return true;
    }

    /** Skips one value inside a container at depth {@code parentDepth}; recursion is bounded by MAX_DEPTH. */
    private void skip(int parentDepth) {
        switch (peek()) {
            case STRING -> skipString();
            case NUMBER -> scanNumber();
            case TRUE -> literal("true");
            case FALSE -> literal("false");
            case NULL -> literal("null");
            case OBJECT -> skipContainer(parentDepth + 1, '}', true);
            case ARRAY -> skipContainer(parentDepth + 1, ']', false);
        }
    }

    private void skipContainer(int containerDepth, char close, boolean object) {
        if (containerDepth > MAX_DEPTH) {
            throw fail("nesting too deep");
        }
        pos++;
        skipWhitespace();
        if (pos < in.length && in[pos] == close) {
            pos++;
            return;
        }
        int count = 0;
        while (true) {
            if (object) {
                if (++count > MAX_MEMBERS) {
                    throw fail("too many members");
                }
                skipWhitespace();
                expectAt('"');
                readText();
                skipWhitespace();
                expect(':');
            }
            skip(containerDepth);
            skipWhitespace();
            if (pos < in.length && in[pos] == ',') {
                pos++;
            } else if (pos < in.length && in[pos] == close) {
                pos++;
                return;
            } else {
                throw fail("invalid JSON");
            }
        }
    }

    /** number = [ minus ] int [ frac ] [ exp ] (RFC 8259 section 6). */
    private void scanNumber() {
        if (in[pos] == '-') {
            pos++;
        }
        if (pos < in.length && in[pos] == '0') {
            pos++;
        } else if (pos < in.length && in[pos] >= '1' && in[pos] <= '9') {
            skipDigits();
        } else {
            throw fail("invalid number");
        }
        if (pos < in.length && in[pos] == '.') {
            pos++;
            requireDigits();
        }
        if (pos < in.length && (in[pos] == 'e' || in[pos] == 'E')) {
            pos++;
            if (pos < in.length && (in[pos] == '+' || in[pos] == '-')) {
                pos++;
            }
            requireDigits();
        }
    }

    private void requireDigits() {
        if (pos >= in.length || in[pos] < '0' || in[pos] > '9') {
            throw fail("invalid number");
        }
        skipDigits();
    }

    private void skipDigits() {
        while (pos < in.length && in[pos] >= '0' && in[pos] <= '9') {
            pos++;
        }
    }

    private void literal(String word) {
        int n = word.length();
        if (pos + n > in.length) {
            throw fail("invalid JSON");
        }
        for (int i = 0; i < n; i++) {
            if (in[pos + i] != word.charAt(i)) {
                throw fail("invalid JSON");
            }
        }
        pos += n;
    }

    private void skipString() {
        int end = plainRunEnd(pos + 1);
        if (end < in.length && in[end] == '"') {
            pos = end + 1;
        } else {
            readText();
        }
    }

    /** Where the run of printable ASCII other than quote and backslash starting at {@code from} ends. */
    private int plainRunEnd(int from) {
        int i = from;
        // Bytes >= 0x80 are negative, so they end the run like control characters do.
        while (i < in.length && in[i] >= 0x20 && in[i] != '"' && in[i] != '\\') {
            i++;
        }
        return i;
    }

    /** Reads the member name starting at the quote at pos: in place when it is plain, else as {@link #readText}. */
    private void readName() {
        int start = pos + 1;
        int end = plainRunEnd(start);
        if (end < in.length && in[end] == '"') {
            int hash = 0;
            for (int i = start; i < end; i++) {
                hash = 31 * hash + in[i];
            }
            plainStart = start;
            textLength = end - start;
            textHash = hash;
            pos = end + 1;
            return;
        }
        readText();
    }

    /** Reads the string starting at the quote at pos into {@link #text}, checking escapes and UTF-8. */
    private void readText() {
        pos++;
        plainStart = -1;
        textLength = 0;
        textHash = 0;
        while (true) {
            if (pos >= in.length) {
                throw fail("unterminated string");
            }
            int b = in[pos] & 0xFF;
            if (b == '"') {
                pos++;
                return;
            } else if (b == '\\') {
                readEscape();
            } else if (b < 0x20) {
                throw fail("control character");
            } else if (b < 0x80) {
                pos++;
                append((char) b);
            } else {
                readUtf8(b);
            }
        }
    }

    private void readEscape() {
        pos++;
        if (pos >= in.length) {
            throw fail("unterminated string");
        }
        byte e = in[pos++];
        switch (e) {
            case '"' -> append('"');
            case '\\' -> append('\\');
            case '/' -> append('/');
            case 'b' -> append('\b');
            case 'f' -> append('\f');
            case 'n' -> append('\n');
            case 'r' -> append('\r');
            case 't' -> append('\t');
            case 'u' -> {
                char c = (char) readHex4();
                if (Character.isHighSurrogate(c)) {
                    if (pos + 1 >= in.length || in[pos] != '\\' || in[pos + 1] != 'u') {
                        throw fail("lone surrogate");
                    }
                    pos += 2;
                    char low = (char) readHex4();
                    if (!Character.isLowSurrogate(low)) {
                        throw fail("lone surrogate");
                    }
                    append(c);
                    append(low);
                } else if (Character.isLowSurrogate(c)) {
                    throw fail("lone surrogate");
                } else {
                    append(c);
                }
            }
            default -> throw fail("invalid string escape");
        }
    }

    private int readHex4() {
        if (pos + 4 > in.length) {
            throw fail("invalid string escape");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int h = Character.digit(in[pos + i], 16);
            if (h < 0) {
                throw fail("invalid string escape");
            }
            value = value << 4 | h;
        }
        pos += 4;
        return value;
    }

    /**
     * One multi-byte UTF-8 sequence, as restricted by RFC 3629 section 4: no overlong forms, no encoded
     * surrogates, nothing above U+10FFFF, no truncated sequences.
     */
    private void readUtf8(int lead) {
        int continuation;
        int codePoint;
        int secondMin = 0x80;
        int secondMax = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            continuation = 1;
            codePoint = lead & 0x1F;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            continuation = 2;
            codePoint = lead & 0x0F;
            if (lead == 0xE0) {
                secondMin = 0xA0; // overlong below U+0800
            } else if (lead == 0xED) {
                secondMax = 0x9F; // U+D800..U+DFFF
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            continuation = 3;
            codePoint = lead & 0x07;
            if (lead == 0xF0) {
                secondMin = 0x90; // overlong below U+10000
            } else if (lead == 0xF4) {
                secondMax = 0x8F; // above U+10FFFF
            }
        } else {
            throw fail("invalid UTF-8");
        }
        if (pos + continuation >= in.length) {
            throw fail("invalid UTF-8");
        }
        int second = in[pos + 1] & 0xFF;
        if (second < secondMin || second > secondMax) {
            throw fail("invalid UTF-8");
        }
        codePoint = codePoint << 6 | (second & 0x3F);
        for (int k = 2; k <= continuation; k++) {
            int next = in[pos + k] & 0xFF;
            if ((next & 0xC0) != 0x80) {
                throw fail("invalid UTF-8");
            }
            codePoint = codePoint << 6 | (next & 0x3F);
        }
        pos += continuation + 1;
        if (codePoint >= 0x10000) {
            append(Character.highSurrogate(codePoint));
            append(Character.lowSurrogate(codePoint));
        } else {
            append((char) codePoint);
        }
    }

    private void append(char c) {
        if (text == null) {
            text = new char[32];
        } else if (textLength == text.length) {
            text = Arrays.copyOf(text, textLength * 2);
        }
        text[textLength++] = c;
        textHash = 31 * textHash + c;
    }

    private void skipWhitespace() {
        while (pos < in.length) {
            byte b = in[pos];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return;
            }
            pos++;
        }
    }

    private void expect(char c) {
        expectAt(c);
        pos++;
    }

    private void expectAt(char c) {
        if (pos >= in.length || in[pos] != c) {
            throw fail("invalid JSON");
        }
    }
}
