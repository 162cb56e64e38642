package io.tokencheck.config;

import java.util.OptionalInt;

/**
 * Listener settings.
 *
 * @param host     bind address (default 0.0.0.0), for the HTTP and the gRPC listener
 * @param port     HTTP port, 0 for a random free port (default 8080)
 * @param grpcPort port of the Envoy ext_authz gRPC listener, 0 for a random free port; empty (the default): no gRPC
 *                 listener
 */
public record ServerSettings(String host, int port, OptionalInt grpcPort) {

    /** HTTP only, no gRPC listener. */
    public ServerSettings(String host, int port) {
        this(host, port, OptionalInt.empty());
    }
}
