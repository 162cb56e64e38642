package io.tokencheck;

import io.tokencheck.config.ConfigException;
import io.tokencheck.config.ConfigLoader;
import io.tokencheck.issuerkit.IssuerKit;
import io.tokencheck.issuerkit.JwksServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A demo issuer (generated keys, JWKS and discovery over HTTP on loopback) and a tokencheck trusting it,
 * in one call. What the demo command runs, and what other projects' tests can start in a few lines:
 * <pre>{@code
 * try (DemoEnvironment demo = DemoEnvironment.start(0)) {
 *     String token = demo.kit().token().audience(DemoEnvironment.AUDIENCE).scope("read").sign();
 *     // call demo.server().baseUrl() + "/check" with "Authorization: Bearer " + token
 * }
 * }</pre>
 */
public final class DemoEnvironment implements AutoCloseable {
    /** The audience the demo issuer's tokens must carry. */
    public static final String AUDIENCE = "api://demo";

    private final IssuerKit kit;
    private final JwksServer jwks;
    private final TokencheckServer server;
    private final Path configFile;

    private DemoEnvironment(IssuerKit kit, JwksServer jwks, TokencheckServer server, Path configFile) {
        this.kit = kit;
        this.jwks = jwks;
        this.server = server;
        this.configFile = configFile;
    }

    /** Starts the demo issuer and tokencheck on 127.0.0.1 (port 0: a random free port) and waits until it is ready. */
    public static DemoEnvironment start(int port) {
        return start(config(port), true);
    }

    /**
     * Starts the demo issuer and a tokencheck configured from this YAML template, in which {@code ${ISSUER}} and
     * {@code ${JWKS_URI}} stand for the demo issuer's iss and JWKS URL; waits until ready when asked to.
     */
    public static DemoEnvironment start(String yamlTemplate, boolean awaitReady) {
        JwksServer jwks = JwksServer.start();
        try {
            IssuerKit kit = IssuerKit.generate(jwks.baseUrl());
            jwks.publish(kit);
            Path config = Files.createTempFile("tokencheck-demo-", ".yaml");
            config.toFile().deleteOnExit();
            Files.writeString(config, yamlTemplate.replace("${ISSUER}", kit.issuer())
                    .replace("${JWKS_URI}", jwks.jwksUri().toString()));
            TokencheckServer server = TokencheckServer.start(ConfigLoader.load(config, Map.of()));
            if (awaitReady && !server.core().awaitReady(Duration.ofSeconds(10))) {
                server.close();
                throw new IllegalStateException("tokencheck did not become ready within 10 s");
            }
            return new DemoEnvironment(kit, jwks, server, config);
        } catch (IOException e) {
            jwks.close();
            throw new UncheckedIOException(e);
        } catch (ConfigException | RuntimeException e) {
            jwks.close();
            throw new IllegalStateException("demo failed to start: " + e.getMessage(), e);
        }
    }

    /** The demo configuration: one issuer found by discovery, a default policy and an "admin" policy needing scope admin. */
    static String config(int port) {
        return """
                # tokencheck demo configuration (written by `tokencheck demo`)
                server:
                  host: 127.0.0.1
                  port: %d
                issuers:
                  - name: demo
                    issuer: ${ISSUER}
                    discovery: true
                    audiences: [%s]
                policies:
                  default: {}
                  admin:
                    scopes: [admin]
                """.formatted(port, AUDIENCE);
    }

    /** The demo issuer's keys and token minting. */
    public IssuerKit kit() {
        return kit;
    }

    /** The demo issuer's HTTP server. */
    public JwksServer jwks() {
        return jwks;
    }

    /** The running tokencheck. */
    public TokencheckServer server() {
        return server;
    }

    /** The configuration file the demo wrote. */
    public Path configFile() {
        return configFile;
    }

    @Override
    public void close() {
        server.close();
        jwks.close();
    }
}
