package io.tokencheck.config;

/**
 * One option's text and where it came from, so that a bad value is reported against its real source.
 *
 * @param path   key path, e.g. issuers[0].leeway_seconds
 * @param text   the value, never empty
 * @param origin the file label, or "environment variable TOKENCHECK_..."
 */
record ScalarValue(String path, String text, String origin) {

    /** The one-line error for this value. */
    ConfigException problem(String what) {
        return new ConfigException(origin + ": " + path + ": " + what);
    }
}
