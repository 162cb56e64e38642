package io.tokencheck.config;

/** Renders a user-supplied value for an error message: quoted, escaped to one line, shortened. */
final class Quoted {

    private static final int MAX_CHARS = 80;

    private Quoted() {
    }

    /** The value in double quotes with control characters escaped, cut after {@value #MAX_CHARS} characters. */
    static String of(String value) {
        StringBuilder out = new StringBuilder("\"");
        int shown = 0;
        for (int i = 0; i < value.length(); i++) {
            if (shown == MAX_CHARS) {
                out.append("...");
                break;
            }
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                            || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
            shown++;
        }
        return out.append('"').toString();
    }
}
