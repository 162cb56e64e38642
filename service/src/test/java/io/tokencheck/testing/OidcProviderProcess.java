package io.tokencheck.testing;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real OpenID provider (npm {@code oidc-provider}, see {@code src/test/idp/oidc-provider/provider.mjs})
 * running as a child Node process on 127.0.0.1, from which tests obtain real client-credentials access tokens.
 * Needs {@code node} on the PATH and {@code npm ci --prefix service/src/test/idp/oidc-provider} run once.
 */
public final class OidcProviderProcess implements AutoCloseable {

    /** A confidential client registered at the provider. */
    public record Client(String id, String secret) {
    }

    /** Scopes orders:read and orders:write; default resource api://orders; tokens signed ES256. */
    public static final Client ORDERS_CLIENT = new Client("orders-client", "orders-secret");
    /** Scope reports:read; default resource api://reports; tokens signed RS256. */
    public static final Client REPORTS_CLIENT = new Client("reports-client", "reports-secret");

    /** Where package.json and provider.mjs live, relative to the service module. */
    private static final Path PROVIDER_DIR = Path.of("src", "test", "idp", "oidc-provider");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);
    private static final int START_ATTEMPTS = 3;
    private static final int STDERR_KEPT_CHARS = 4096;

    private final Process process;
    private final OutputTail stderr;
    private final String issuer;
    private final HttpClient http;
    private volatile Map<String, Object> discovery;

    private OidcProviderProcess(Process process, OutputTail stderr, String issuer) {
        this.process = process;
        this.stderr = stderr;
        this.issuer = issuer;
        this.http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();
    }

    /** Starts the provider on a free loopback port and waits until it listens. */
    public static OidcProviderProcess start() {
        Path dir = providerDir();
        IllegalStateException last = null;
        // The port is picked here and handed to Node, so another process may grab it in between: retry then.
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                return startOnce(dir, LoopbackPort.free());
            } catch (PortTakenException e) {
                last = e;
            }
        }
        throw last;
    }

    /** The issuer URL, {@code http://127.0.0.1:<port>}, exactly as the tokens' iss. */
    public String issuer() {
        return issuer;
    }

    /** The token endpoint, as advertised by discovery. */
    public URI tokenEndpoint() {
        return URI.create(discoveryValue("token_endpoint"));
    }

    /** The JWKS URL, as advertised by discovery. */
    public URI jwksUri() {
        return URI.create(discoveryValue("jwks_uri"));
    }

    /** A client-credentials access token for the client's default resource. */
    public String clientCredentialsToken(Client client, String scope) {
        return clientCredentialsToken(client.id(), client.secret(), scope, null);
    }

    /**
     * Runs the client-credentials grant and returns the access_token.
     *
     * @param scope    space-separated scopes to ask for (null: none)
     * @param resource RFC 8707 resource indicator (null: the client's default resource)
     */
    public String clientCredentialsToken(String clientId, String secret, String scope, String resource) {
        Object token = new ClientCredentialsGrant(tokenEndpoint(), http).request(clientId, secret, scope, resource)
                .get("access_token");
        if (!(token instanceof String s)) {
            throw new IllegalStateException("token response for client " + clientId + " has no access_token");
        }
        return s;
    }

    /** Stops the provider and everything it started, forcibly if it does not stop within a few seconds. */
    @Override
    public void close() {
        List<ProcessHandle> descendants = process.descendants().toList();
        try {
            process.getOutputStream().close(); // provider.mjs exits when its stdin closes
        } catch (IOException ignored) {
            // already closed: destroy below still applies
        }
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static OidcProviderProcess startOnce(Path dir, int port) {
        ProcessBuilder builder = new ProcessBuilder(nodeExecutable(), "provider.mjs", Integer.toString(port))
                .directory(dir.toFile());
        builder.environment().put("NODE_ENV", "test");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run '" + nodeExecutable() + "' (Node.js 20+ must be on the PATH,"
                    + " or set -Dtokencheck.node=/path/to/node): " + e.getMessage(), e);
        }
        OutputTail stderr = OutputTail.drain(process.getErrorStream(), STDERR_KEPT_CHARS);
        CompletableFuture<String> ready = readyLine(process.getInputStream());
        try {
            String issuer = ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new OidcProviderProcess(process, stderr, issuer);
        } catch (TimeoutException | ExecutionException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
            waitQuietly(process);
            String err = stderr.text();
            String message = "oidc-provider did not become ready within " + START_TIMEOUT.toSeconds() + " s"
                    + " (exit " + (process.isAlive() ? "none" : process.exitValue()) + "); its stderr:\n" + err;
            if (err.contains("EADDRINUSE")) {
                throw new PortTakenException(message);
            }
            throw new IllegalStateException(message, e);
        }
    }

    /** Completes with the issuer from the first {@code READY <issuer>} line; keeps draining stdout afterwards. */
    private static CompletableFuture<String> readyLine(InputStream stdout) {
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread.ofVirtual().name("oidc-provider-stdout").start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (!ready.isDone() && line.startsWith("READY ")) {
                        ready.complete(line.substring("READY ".length()).trim());
                    }
                }
            } catch (IOException ignored) {
                // the process went away; handled below
            }
            ready.completeExceptionally(new IllegalStateException("oidc-provider exited before it was ready"));
        });
        return ready;
    }

    private static Path providerDir() {
        Path moduleDir = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Path dir = moduleDir.resolve(PROVIDER_DIR);
        if (!Files.isRegularFile(dir.resolve("provider.mjs"))) {
            // Run from the repository root rather than from the service module.
            dir = moduleDir.resolve("service").resolve(PROVIDER_DIR);
        }
        if (!Files.isRegularFile(dir.resolve("provider.mjs"))) {
            throw new IllegalStateException("cannot find provider.mjs under " + moduleDir.resolve(PROVIDER_DIR).toAbsolutePath());
        }
        if (!Files.isDirectory(dir.resolve("node_modules").resolve("oidc-provider"))) {
            throw new IllegalStateException("oidc-provider is not installed in " + dir.toAbsolutePath()
                    + ": run 'npm ci --prefix service/src/test/idp/oidc-provider' from the repository root first");
        }
        return dir;
    }

    private static String nodeExecutable() {
        return System.getProperty("tokencheck.node", "node");
    }

    private String discoveryValue(String name) {
        Map<String, Object> doc = discovery;
        if (doc == null) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration"))
                    .timeout(HTTP_TIMEOUT)
                    .GET()
                    .build();
            HttpResponse<String> response = send(request);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("discovery at " + issuer + " answered HTTP " + response.statusCode());
            }
            doc = parseJson(response.body());
            discovery = doc;
        }
        if (!(doc.get(name) instanceof String value)) {
            throw new IllegalStateException("discovery document of " + issuer + " has no " + name);
        }
        return value;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("request to oidc-provider failed: " + request.uri()
                    + (process.isAlive() ? "" : " (the provider exited; stderr:\n" + stderr.text() + ")"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling oidc-provider", e);
        }
    }

    private static Map<String, Object> parseJson(String body) {
        try {
            return JSONObjectUtils.parse(body);
        } catch (ParseException e) {
            throw new IllegalStateException("oidc-provider answered something that is not a JSON object", e);
        }
    }

    private static void waitQuietly(Process process) {
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The port chosen was taken before Node could bind it. */
    private static final class PortTakenException extends IllegalStateException {
        PortTakenException(String message) {
            super(message);
        }
    }

    /** Drains a stream on a virtual thread, keeping only its last characters for error messages. */
    private static final class OutputTail {
        private final StringBuilder kept = new StringBuilder();
        private final int limit;
        private Thread reader;

        private OutputTail(int limit) {
            this.limit = limit;
        }

        static OutputTail drain(InputStream in, int limit) {
            OutputTail tail = new OutputTail(limit);
            tail.reader = Thread.ofVirtual().name("oidc-provider-stderr").start(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        tail.append(line);
                    }
                } catch (IOException ignored) {
                    // the process went away
                }
            });
            return tail;
        }

        synchronized void append(String line) {
            kept.append(line).append('\n');
            if (kept.length() > limit) {
                kept.delete(0, kept.length() - limit);
            }
        }

        /** What was kept so far, after giving an exited process's last lines a moment to arrive. */
        String text() {
            try {
                reader.join(Duration.ofSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (this) {
                return kept.toString();
            }
        }
    }
}
