package io.tokencheck.config;

import java.io.Serial;

/**
 * The configuration cannot be used. {@link #getMessage()} is one line naming the file (or environment variable),
 * the key path and what is wrong, meant to be printed as is to the operator (no stack trace).
 */
public final class ConfigException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    /** @param message one line: {@code <file or variable>: <key path>: <problem>} */
    public ConfigException(String message) {
        super(oneLine(message));
    }

    // A multi-line start-up error is easy to lose in logs and gateways' event views.
    private static String oneLine(String message) {
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
