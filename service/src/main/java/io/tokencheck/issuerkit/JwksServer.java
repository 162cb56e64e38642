package io.tokencheck.issuerkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real HTTP server on loopback that publishes an issuer's JWKS and OIDC discovery document,
 * with knobs that tests turn to simulate a misbehaving identity provider.
 * Paths: {@code /jwks.json} and {@code /.well-known/openid-configuration}.
 */
public final class JwksServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicReference<String> jwks = new AtomicReference<>("{\"keys\":[]}");
    private final AtomicReference<String> issuer = new AtomicReference<>();
    private final AtomicReference<String> cacheControl = new AtomicReference<>();
    private final AtomicReference<Failure> failure = new AtomicReference<>();
    private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);
    private final AtomicReference<Failure> jwksRedirect = new AtomicReference<>();
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private final AtomicInteger discoveryFetches = new AtomicInteger();

    /** A forced answer instead of the real document (with a Location header when location is not null). */
    private record Failure(int status, String body, String location) {
        Failure(int status, String body) {
            this(status, body, null);
        }
    }

    private JwksServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts on 127.0.0.1 on a random free port. */
    public static JwksServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor();
            http.setExecutor(exec);
            JwksServer s = new JwksServer(http, exec);
            http.createContext("/jwks.json", ex -> s.serve(ex, s.jwksFetches, s.jwks.get(), s.jwksRedirect.get()));
            // Where a redirect test may send the fetcher: the same keys under another path.
            http.createContext("/moved/jwks.json", ex -> s.serve(ex, s.jwksFetches, s.jwks.get(), null));
            http.createContext("/.well-known/openid-configuration",
                    ex -> s.serve(ex, s.discoveryFetches, s.discovery(), null));
            http.start();
            return s;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the JWKS server on loopback", e);
        }
    }

    /** Starts and publishes this kit's keys. */
    public static JwksServer start(IssuerKit kit) {
        JwksServer s = start();
        s.publish(kit);
        return s;
    }

    /** Publishes the kit's current public keys, and its issuer in the discovery document. */
    public JwksServer publish(IssuerKit kit) {
        jwks.set(kit.publicJwksJson());
        issuer.set(kit.issuer());
        return this;
    }

    /** Publishes this exact JWKS text. */
    public JwksServer publishJwks(String json) {
        jwks.set(json);
        return this;
    }

    /** Sets the issuer the discovery document names. */
    public JwksServer issuer(String iss) {
        issuer.set(iss);
        return this;
    }

    /** Sends this Cache-Control header with every JWKS response (null: none). */
    public JwksServer cacheControl(String value) {
        cacheControl.set(value);
        return this;
    }

    /** Answers every request with this status and body instead of the real document. */
    public JwksServer failWith(int status, String body) {
        failure.set(new Failure(status, body));
        return this;
    }

    /** Stops failing (and redirecting). */
    public JwksServer recover() {
        failure.set(null);
        jwksRedirect.set(null);
        return this;
    }

    /** Answers JWKS requests with this redirect status and Location ({@link #movedJwksUri()} serves the keys too). */
    public JwksServer redirectJwks(int status, String location) {
        jwksRedirect.set(new Failure(status, "", location));
        return this;
    }

    /** Waits this long before answering. */
    public JwksServer delay(Duration d) {
        delay.set(d);
        return this;
    }

    /** Base URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The JWKS URL. */
    public URI jwksUri() {
        return URI.create(baseUrl() + "/jwks.json");
    }

    /** The same keys under /moved/jwks.json, never redirected: a redirect's target. */
    public URI movedJwksUri() {
        return URI.create(baseUrl() + "/moved/jwks.json");
    }

    /** How many JWKS requests this server has answered (or failed). */
    public int jwksFetches() {
        return jwksFetches.get();
    }

    /** How many discovery requests this server has answered (or failed). */
    public int discoveryFetches() {
        return discoveryFetches.get();
    }

    private String discovery() {
        String iss = issuer.get() == null ? baseUrl() : issuer.get();
        return "{\"issuer\":\"" + iss + "\",\"jwks_uri\":\"" + jwksUri() + "\","
                + "\"id_token_signing_alg_values_supported\":[\"RS256\",\"ES256\"]}";
    }

    private void serve(HttpExchange ex, AtomicInteger counter, String body, Failure redirect) throws IOException {
        try (ex) {
            counter.incrementAndGet();
            Duration d = delay.get();
            if (!d.isZero()) {
                try {
                    Thread.sleep(d);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            Failure f = redirect != null ? redirect : failure.get();
            int status = f == null ? 200 : f.status();
            if (f != null && f.location() != null) {
                ex.getResponseHeaders().set("Location", f.location());
            }
            byte[] bytes = (f == null ? body : f.body()).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            String cc = cacheControl.get();
            if (cc != null && f == null) {
                ex.getResponseHeaders().set("Cache-Control", cc);
            }
            ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (IOException e) {
            // The client went away (for example after its read timeout): nothing to do.
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
