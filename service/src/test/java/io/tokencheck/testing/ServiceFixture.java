package io.tokencheck.testing;

import io.tokencheck.DemoEnvironment;
import io.tokencheck.TokencheckServer;
import io.tokencheck.issuerkit.IssuerKit;
import io.tokencheck.issuerkit.JwksServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A real tokencheck on a random loopback port, configured from YAML text, trusting an IssuerKit whose keys a real
 * JwksServer publishes (a {@link DemoEnvironment}), with HTTP helpers. In the YAML, {@code ${ISSUER}} and
 * {@code ${JWKS_URI}} are replaced with the kit's values.
 */
public final class ServiceFixture implements AutoCloseable {
    /** A config with one issuer (JWKS URL, audience api://default), a default policy and an "admin" policy. */
    public static final String DEFAULT_YAML = """
            server: { host: 127.0.0.1, port: 0 }
            jwks: { unknown_kid_min_interval: 100ms, request_wait: 2s }
            issuers:
              - name: test
                issuer: ${ISSUER}
                jwks_uri: ${JWKS_URI}
                audiences: [api://default]
            policies:
              default: {}
              admin: { scopes: [admin] }
            claim_headers:
              X-Auth-Tenant: tenant
            """;

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final DemoEnvironment env;

    private ServiceFixture(DemoEnvironment env) {
        this.env = env;
    }

    /** Starts with {@link #DEFAULT_YAML} and waits until ready. */
    public static ServiceFixture start() {
        return start(DEFAULT_YAML, true);
    }

    /** Starts with this YAML; waits until ready when asked to. */
    public static ServiceFixture start(String yaml, boolean awaitReady) {
        return new ServiceFixture(DemoEnvironment.start(yaml, awaitReady));
    }

    public IssuerKit kit() {
        return env.kit();
    }

    public JwksServer jwks() {
        return env.jwks();
    }

    public TokencheckServer server() {
        return env.server();
    }

    /** A token the default config allows: audience api://default, scope read. */
    public String validToken() {
        return kit().token().sign();
    }

    /** Sends a request; headers are name/value pairs. */
    public HttpResponse<String> request(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server().baseUrl() + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET with headers. */
    public HttpResponse<String> get(String path, String... headers) {
        return request("GET", path, null, headers);
    }

    /** GET /check-style request with a bearer token. */
    public HttpResponse<String> check(String path, String token) {
        return get(path, "Authorization", "Bearer " + token);
    }

    /** POST a JSON body. */
    public HttpResponse<String> postJson(String path, String json) {
        return request("POST", path, json, "Content-Type", "application/json");
    }

    @Override
    public void close() {
        env.close();
    }

    /** The status code of a raw HTTP/1.1 request, or 400 when the server closes the connection without answering. */
    public int rawStatus(String request) throws IOException {
        URI base = URI.create(server().baseUrl());
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", base.getPort()), 5000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                // The server may stop reading and close once the limit is passed.
            }
            InputStream in = s.getInputStream();
            byte[] head = new byte[12];
            int n = 0;
            try {
                while (n < 12) {
                    int r = in.read(head, n, 12 - n);
                    if (r < 0) {
                        break;
                    }
                    n += r;
                }
            } catch (IOException e) {
                return 400;
            }
            if (n < 12) {
                return 400;
            }
            return Integer.parseInt(new String(head, 9, 3, StandardCharsets.US_ASCII));
        }
    }
}
