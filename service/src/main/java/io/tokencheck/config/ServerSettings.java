package io.tokencheck.config;

/**
 * Listener settings.
 *
 * @param host bind address (default 0.0.0.0)
 * @param port TCP port, 0 for a random free port (default 8080)
 */
public record ServerSettings(String host, int port) {
}
