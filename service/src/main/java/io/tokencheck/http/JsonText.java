package io.tokencheck.http;

import java.util.List;

/** Writes the small JSON documents the HTTP API answers with (no object model, no reflection). */
final class JsonText {
    private final StringBuilder out = new StringBuilder(256).append('{');
    private boolean first = true;

    JsonText field(String name, String value) {
        if (value != null) {
            name(name);
            string(value);
        }
        return this;
    }

    JsonText field(String name, boolean value) {
        name(name);
        out.append(value);
        return this;
    }

    JsonText field(String name, Long value) {
        if (value != null) {
            name(name);
            out.append(value.longValue());
        }
        return this;
    }

    JsonText field(String name, List<String> values) {
        if (values != null) {
            name(name);
            out.append('[');
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                string(values.get(i));
            }
            out.append(']');
        }
        return this;
    }

    /** Adds a member whose value is already JSON text. */
    JsonText raw(String name, String json) {
        name(name);
        out.append(json);
        return this;
    }

    String end() {
        return out.append('}').toString();
    }

    private void name(String name) {
        if (!first) {
            out.append(',');
        }
        first = false;
        string(name);
        out.append(':');
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    // Escape controls and the line separators that break JavaScript consumers.
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
