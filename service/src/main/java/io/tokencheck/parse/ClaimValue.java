package io.tokencheck.parse;

import java.util.List;

/** A claim value as far as policies and header mappings care: a string, a list of strings, a number, a boolean, or something else. */
public sealed interface ClaimValue {

    /** A JSON string. */
    record Text(String value) implements ClaimValue {
    }

    /** A JSON array whose elements are all strings. */
    record TextList(List<String> values) implements ClaimValue {
    }

    /** A JSON number, kept as its literal text. */
    record Number(String literal) implements ClaimValue {
    }

    /** A JSON boolean. */
    record Bool(boolean value) implements ClaimValue {
    }

    /** An object, a mixed array or null: present, but not comparable to configured values. */
    record Other() implements ClaimValue {
    }
}
