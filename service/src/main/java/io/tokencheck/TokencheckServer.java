package io.tokencheck;

import io.helidon.common.socket.SocketOptions;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http2.Http2Config;
import io.helidon.webserver.grpc.GrpcRouting;
import io.helidon.webserver.http.HttpService;
import io.tokencheck.config.LimitSettings;
import io.tokencheck.config.ServerSettings;
import io.tokencheck.config.TokencheckConfig;
import io.tokencheck.http.CheckService;
import io.tokencheck.http.EnvoyAuthorizationGrpcService;
import io.tokencheck.http.EnvoyExtAuthzService;
import io.tokencheck.http.HealthService;
import io.tokencheck.http.IntrospectionService;
import io.tokencheck.http.MetricsService;
import io.tokencheck.http.OpenApiService;
import io.tokencheck.http.VerifyService;
import io.tokencheck.policy.RouteTable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** The tokencheck service: the verification core behind Helidon routes for every gateway dialect (HTTP, and Envoy ext_authz gRPC on its own port). */
public final class TokencheckServer implements AutoCloseable {
    /** The name of the Helidon listener that serves Envoy ext_authz over gRPC. */
    static final String GRPC_SOCKET = "grpc";

    private final Tokencheck core;
    private final WebServer server;

    private TokencheckServer(Tokencheck core, WebServer server) {
        this.core = core;
        this.server = server;
    }

    /** Starts the service as configured (host, port 0 for a random one). Returns once the port is bound, before keys arrive. */
    public static TokencheckServer start(TokencheckConfig config) {
        return start(config, Clock.systemUTC());
    }

    /** Starts the service with this verification clock. */
    public static TokencheckServer start(TokencheckConfig config, Clock clock) {
        ServerSettings listen = config.server();
        checkCanListen(listen.host(), listen.port());
        listen.grpcPort().ifPresent(port -> checkCanListen(listen.host(), port));
        Tokencheck core = Tokencheck.create(config, clock);
        try {
            WebServerConfig.Builder builder = WebServer.builder()
                    .host(listen.host())
                    .port(listen.port())
                    .shutdownHook(false)
                    .maxPayloadSize(config.limits().maxRequestBytes() + 1L)
                    .connectionOptions(TokencheckServer::noDelay)
                    .addProtocol(Http1Config.builder().maxHeadersSize(maxHeadersSize(config.limits())).build())
                    // The same room over h2c (the HTTP port speaks it too): Helidon's smaller default closed the
                    // connection on a large token instead of answering.
                    .addProtocol(Http2Config.builder().maxHeaderListSize(maxHeadersSize(config.limits())).build())
                    .routing(r -> r.register(services(core).toArray(HttpService[]::new)));
            // Envoy ext_authz gRPC on a listener of its own, so that the HTTP port never answers gRPC and vice versa.
            listen.grpcPort().ifPresent(port -> builder.putSocket(GRPC_SOCKET, socket -> socket
                    .host(listen.host())
                    .port(port)
                    // No maxPayloadSize: it does not bind gRPC messages (measured); Helidon's gRPC read buffer caps a
                    // CheckRequest at 2 MiB, and the token inside it is held to limits.max_token_bytes before decoding.
                    .connectionOptions(TokencheckServer::noDelay)
                    .addRouting(GrpcRouting.builder().service(grpcService(core)))));
            WebServer server = builder.build().start();
            if (!server.isRunning() || server.port() < 0
                    || (listen.grpcPort().isPresent() && server.port(GRPC_SOCKET) < 0)) {
                server.stop();
                String grpc = listen.grpcPort().isPresent() ? " (gRPC " + listen.grpcPort().getAsInt() + ")" : "";
                throw new IllegalStateException("cannot listen on " + listen.host() + ":" + listen.port() + grpc);
            }
            return new TokencheckServer(core, server);
        } catch (RuntimeException e) {
            core.close();
            throw e;
        }
    }

    /** Every HTTP service the server registers, in order (OpenApiDocumentTest checks openapi.yaml against their routes). */
    static List<HttpService> services(Tokencheck core) {
        TokencheckConfig config = core.config();
        RouteTable routes = RouteTable.compile(config.routes());
        return List.of(
                new CheckService(core.checker(), config.jwks(), routes),
                new EnvoyExtAuthzService(core.checker(), config.jwks(), routes),
                new VerifyService(core.checker(), config.limits().maxRequestBytes()),
                new IntrospectionService(core.checker(), config.introspection(), config.limits().maxRequestBytes()),
                new HealthService(core::readiness, core::cryptoReady),
                new MetricsService(core.registry()),
                new OpenApiService());
    }

    /**
     * Room for every token up to max_token_bytes plus the other headers a gateway forwards. Helidon's default (16 KiB)
     * would answer a larger header block with a bare 400 that has no challenge and no reason, while the same token
     * is judged on /v1/verify; over this, the 400 stays (no token of an allowed size is refused that way).
     */
    static int maxHeadersSize(LimitSettings limits) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(16_384L, limits.maxTokenBytes() + 16_384L));
    }

    /**
     * TCP_NODELAY on every connection: an HTTP/2 answer (gRPC, or h2c on the HTTP port) goes out as several small
     * frames, and with Nagle's algorithm the last one waits for the peer's delayed ACK, about 40 ms a call (measured).
     */
    private static void noDelay(SocketOptions.Builder options) {
        options.tcpNoDelay(true);
    }

    /** The web server's configuration as it runs: every listener's socket options (for tests). */
    WebServerConfig runningConfig() {
        return server.prototype();
    }

    /** The Envoy ext_authz gRPC service the gRPC listener serves. */
    static EnvoyAuthorizationGrpcService grpcService(Tokencheck core) {
        TokencheckConfig config = core.config();
        return new EnvoyAuthorizationGrpcService(core.checker(), config.jwks(), RouteTable.compile(config.routes()),
                config.claimHeaders());
    }

    /**
     * Fails with one clear line when the address cannot be bound, before Helidon tries (it would log a stack trace
     * and keep running without a listener).
     */
    private static void checkCanListen(String host, int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage());
        }
    }

    /** The bound port. */
    public int port() {
        return server.port();
    }

    /** The bound port of the Envoy ext_authz gRPC listener; empty when server.grpc_port is not configured. */
    public OptionalInt grpcPort() {
        return core.config().server().grpcPort().isPresent() ? OptionalInt.of(server.port(GRPC_SOCKET)) : OptionalInt.empty();
    }

    /** http://host:port of the listener (loopback when bound to all addresses). */
    public String baseUrl() {
        String host = core.config().server().host();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            host = "127.0.0.1";
        }
        return "http://" + host + ":" + port();
    }

    /** True when every issuer has usable keys. */
    public boolean ready() {
        return core.ready();
    }

    /** Issuer name to readiness. */
    public Map<String, Boolean> readiness() {
        return core.readiness();
    }

    /** The verification core behind the server. */
    public Tokencheck core() {
        return core;
    }

    @Override
    public void close() {
        server.stop();
        core.close();
    }
}
