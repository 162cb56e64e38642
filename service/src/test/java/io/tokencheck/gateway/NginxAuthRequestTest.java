package io.tokencheck.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.tokencheck.testing.ServiceFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through a real nginx running examples/nginx/nginx.conf, in front of an echo backend, with tokencheck running the
 * policies and routes of examples/tokencheck.yaml: what the client gets and what the backend sees.
 */
@Timeout(120)
class NginxAuthRequestTest {
    static final Path TOKENCHECK_EXAMPLE = Path.of("../examples/tokencheck.yaml");
    static final String AUDIENCE = "api://orders";

    @TempDir
    static Path dir;
    private static ServiceFixture tokencheck;
    private static EchoUpstream upstream;
    private static NginxProcess nginx;

    /** Test issuer plus everything from the example's {@code policies:} on (policies, routes, claim_headers). */
    static String tokencheckYaml() {
        try {
            String example = Files.readString(TOKENCHECK_EXAMPLE);
            int policies = example.indexOf("\npolicies:");
            assertThat(policies).as("examples/tokencheck.yaml has a policies: section").isPositive();
            return """
                    server: { host: 127.0.0.1, port: 0 }
                    issuers:
                      - name: corp
                        issuer: ${ISSUER}
                        jwks_uri: ${JWKS_URI}
                        audiences: [api://orders]
                    """ + example.substring(policies + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void start() {
        String problem = NginxProcess.unavailable();
        if (problem != null) {
            fail(problem);
        }
        tokencheck = ServiceFixture.start(tokencheckYaml(), true);
        upstream = EchoUpstream.start();
        nginx = NginxProcess.start(dir.resolve("nginx"), tokencheck.server().port(), upstream.port());
    }

    @AfterAll
    static void stop() {
        try {
            if (nginx != null) {
                nginx.close();
            }
        } finally {
            if (upstream != null) {
                upstream.close();
            }
            if (tokencheck != null) {
                tokencheck.close();
            }
        }
    }

    private static String token(String scope) {
        return tokencheck.kit().token().audience(AUDIENCE).scope(scope).sign();
    }

    private static RawHttp.Response get(String target, String token, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = "Bearer " + token;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return RawHttp.send(nginx.port(), "GET", target, all);
    }

    @Test
    void validTokenIsAllowedAndTheBackendSeesTheIdentity() {
        String token = tokencheck.kit().token().audience(AUDIENCE).scope("orders:read").claim("tenant", "acme").sign();
        RawHttp.Response r = get("/api/orders/42?expand=items", token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).startsWith("GET /api/orders/42\n");
        assertThat(r.upstreamSaw("X-Auth-Subject")).isEqualTo("user-1001");
        assertThat(r.upstreamSaw("X-Auth-Issuer")).isEqualTo(tokencheck.kit().issuer());
        assertThat(r.upstreamSaw("X-Auth-Scopes")).isEqualTo("orders:read");
        assertThat(r.upstreamSaw("X-Auth-Client-Id")).isEqualTo("demo-client");
        assertThat(r.upstreamSaw("X-Auth-Tenant")).isEqualTo("acme");
        assertThat(r.upstreamSaw("Authorization")).isEqualTo("Bearer " + token);
    }

    @Test
    void identityHeadersSentByTheClientNeverReachTheBackend() {
        RawHttp.Response r = get("/api/public/x", tokencheck.kit().token().audience(AUDIENCE).sign(),
                "X-Auth-Subject", "admin", "X-Auth-Scopes", "orders:admin", "X-Auth-Tenant", "other");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.upstreamSaw("X-Auth-Subject")).isEqualTo("user-1001");
        assertThat(r.upstreamSaw("X-Auth-Scopes")).isEqualTo("read");
        assertThat(r.upstreamSaw("X-Auth-Tenant")).isNull(); // the token has no tenant claim
    }

    @Test
    void expiredTokenIs401WithTheChallengeReachingTheClient() {
        int before = upstream.requests();
        String expired = tokencheck.kit().token().audience(AUDIENCE).scope("orders:read")
                .expiresIn(Duration.ofMinutes(-10)).claim("iat", 1L).claim("nbf", 1L).sign();
        RawHttp.Response r = get("/api/orders/42", expired);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).contains(
                "Bearer realm=\"tokencheck\", error=\"invalid_token\", error_description=\"token has expired\"");
        assertThat(r.header("X-Auth-Deny-Reason")).contains("token_expired");
        assertThat(upstream.requests()).isEqualTo(before);
    }

    @Test
    void missingTokenIs401WithABareChallenge() {
        RawHttp.Response r = RawHttp.send(nginx.port(), "GET", "/api/orders/42");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).contains("Bearer realm=\"tokencheck\"");
        assertThat(r.header("X-Auth-Deny-Reason")).contains("token_missing");
    }

    @Test
    void missingScopeIs403WithTheScopeChallengeReachingTheClient() {
        int before = upstream.requests();
        RawHttp.Response r = RawHttp.send(nginx.port(), "POST", "/api/orders", "Authorization", "Bearer " + token("orders:read"),
                "Content-Length", "0");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.header("WWW-Authenticate")).contains("Bearer realm=\"tokencheck\", error=\"insufficient_scope\","
                + " error_description=\"token lacks a required scope\", scope=\"orders:write\"");
        assertThat(r.header("X-Auth-Deny-Reason")).contains("scope_insufficient");
        assertThat(upstream.requests()).isEqualTo(before);
    }

    @Test
    void routesPickThePolicyByMethodAndPath() {
        String reader = token("orders:read");
        String writer = token("orders:write");
        assertThat(get("/api/orders", reader).status()).isEqualTo(200);
        assertThat(get("/api/orders/7", writer).status()).isEqualTo(403);
        assertThat(RawHttp.send(nginx.port(), "DELETE", "/api/orders/7", "Authorization", "Bearer " + writer).status()).isEqualTo(200);
        RawHttp.Response admin = get("/api/admin/users", reader);
        assertThat(admin.status()).isEqualTo(403);
        assertThat(admin.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).endsWith("scope=\"orders:admin admin\""));
        assertThat(get("/api/admin/users", token("admin")).status()).isEqualTo(200);
        assertThat(get("/api/public/anything", reader).status()).isEqualTo(200);
    }

    @Test
    void aPathNoRouteCoversIsDenied() {
        RawHttp.Response r = get("/api/unlisted", token("orders:read orders:write admin"));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("X-Auth-Deny-Reason")).contains("policy_not_found");
    }

    @Test
    void dotSegmentsCannotBorrowAWeakerRoutesPolicy() {
        String plain = token("read");
        assertThat(get("/api/public/../admin/users", plain).status()).isEqualTo(403);
        assertThat(get("/api/public/./../admin", plain).status()).isEqualTo(403);
        assertThat(get("//api//public/..//admin", plain).status()).isEqualTo(403);
        assertThat(get("/api/admin/../public/x", plain).status()).isEqualTo(200);
    }

    @Test
    void pathsABackendCouldReadDifferentlyAreRefused() {
        String strong = token("orders:read orders:write admin");
        for (String target : new String[] {"/api/public/..;/admin", "/api/public/%2e%2e/admin", "/api/public%2F..%2Fadmin",
                "/api/public/%252e%252e/admin"}) {
            RawHttp.Response r = get(target, strong);
            assertThat(r.status()).as(target).isEqualTo(401);
            assertThat(r.header("X-Auth-Deny-Reason")).as(target).contains("request_invalid");
        }
    }

    @Test
    void aLocationWithAnExplicitPolicyIgnoresRoutes() {
        assertThat(get("/reports/q1", token("reports:read")).status()).isEqualTo(200);
        RawHttp.Response r = get("/reports/q1", token("orders:read admin"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).endsWith("scope=\"reports:read\""));
    }

    @Test
    void tokencheckStoppedOrUnreachableIsA500NeverAPassThrough() {
        ServiceFixture own = ServiceFixture.start(tokencheckYaml(), true);
        String token = own.kit().token().audience(AUDIENCE).scope("orders:read").sign();
        try (NginxProcess front = NginxProcess.start(dir.resolve("nginx-stop"), own.server().port(), upstream.port())) {
            assertThat(RawHttp.send(front.port(), "GET", "/api/orders/1", "Authorization", "Bearer " + token).status()).isEqualTo(200);
            own.close();
            int before = upstream.requests();
            RawHttp.Response r = RawHttp.send(front.port(), "GET", "/api/orders/1", "Authorization", "Bearer " + token);
            assertThat(r.status()).isEqualTo(500);
            assertThat(RawHttp.send(front.port(), "GET", "/api/public/x").status()).isEqualTo(500);
            assertThat(upstream.requests()).isEqualTo(before);
        } finally {
            own.close();
        }
    }
}
