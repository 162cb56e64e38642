package io.tokencheck.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokencheck.testing.ServiceFixture;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * examples/traefik/dynamic.yml by contract (no Traefik binary here): the middleware points at tokencheck, copies
 * exactly the identity headers tokencheck sets, and tokencheck answers requests shaped like Traefik's forwardAuth
 * calls (X-Forwarded-Method/-Proto/-Host/-Uri/-For) with the policy of examples/tokencheck.yaml's routes.
 */
class TraefikForwardAuthTest {
    private static ServiceFixture tokencheck;

    @BeforeAll
    static void start() {
        tokencheck = ServiceFixture.start(NginxAuthRequestTest.tokencheckYaml(), true);
    }

    @AfterAll
    static void stop() {
        tokencheck.close();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> forwardAuth(String middleware) throws IOException {
        Map<String, Object> root = new Yaml().load(Files.readString(Path.of("../examples/traefik/dynamic.yml")));
        Map<String, Object> middlewares = (Map<String, Object>) ((Map<String, Object>) root.get("http")).get("middlewares");
        return (Map<String, Object>) ((Map<String, Object>) middlewares.get(middleware)).get("forwardAuth");
    }

    /** A forwardAuth call as Traefik makes it: the original method, host and URI in X-Forwarded-* headers. */
    private static HttpResponse<String> traefik(String path, String method, String uri, String token) {
        return tokencheck.request("GET", path, null, "Authorization", "Bearer " + token, "X-Forwarded-Method", method,
                "X-Forwarded-Proto", "https", "X-Forwarded-Host", "api.example.com", "X-Forwarded-Uri", uri,
                "X-Forwarded-For", "203.0.113.7");
    }

    private static String token(String scope) {
        return tokencheck.kit().token().audience(NginxAuthRequestTest.AUDIENCE).scope(scope).claim("tenant", "acme").sign();
    }

    @Test
    void exampleMiddlewareCallsCheckAndCopiesEveryIdentityHeader() throws IOException {
        Map<String, Object> api = forwardAuth("tokencheck");
        assertThat(api.get("address")).isEqualTo("http://tokencheck:8080/check");
        assertThat(api.get("trustForwardHeader")).isEqualTo(false);
        HttpResponse<String> allow = traefik("/check", "GET", "/api/orders/1", token("orders:read"));
        assertThat(allow.statusCode()).isEqualTo(200);
        List<String> identity = allow.headers().map().keySet().stream().filter(h -> h.toLowerCase().startsWith("x-auth-")).toList();
        assertThat((List<String>) api.get("authResponseHeaders")).containsExactlyInAnyOrder(
                "X-Auth-Subject", "X-Auth-Issuer", "X-Auth-Scopes", "X-Auth-Client-Id", "X-Auth-Tenant");
        assertThat(identity).hasSize(5);
        assertThat(forwardAuth("tokencheck-reports").get("address")).isEqualTo("http://tokencheck:8080/check/reports");
    }

    @Test
    void forwardedMethodAndUriPickTheRoute() {
        assertThat(traefik("/check", "GET", "/api/orders/1?x=1", token("orders:read")).statusCode()).isEqualTo(200);
        HttpResponse<String> write = traefik("/check", "PUT", "/api/orders/1", token("orders:read"));
        assertThat(write.statusCode()).isEqualTo(403);
        assertThat(write.headers().firstValue("WWW-Authenticate").orElseThrow()).endsWith("scope=\"orders:write\"");
        assertThat(traefik("/check", "PUT", "/api/orders/1", token("orders:write")).statusCode()).isEqualTo(200);
        assertThat(traefik("/check", "GET", "/api/public/../admin", token("read")).statusCode()).isEqualTo(403);
        HttpResponse<String> unmatched = traefik("/check", "GET", "/elsewhere", token("admin"));
        assertThat(unmatched.statusCode()).isEqualTo(401);
        assertThat(unmatched.headers().firstValue("X-Auth-Deny-Reason")).contains("policy_not_found");
    }

    @Test
    void explicitPolicyPathIgnoresTheForwardedRoute() {
        assertThat(traefik("/check/reports", "GET", "/api/public/x", token("reports:read")).statusCode()).isEqualTo(200);
        assertThat(traefik("/check/reports", "GET", "/api/public/x", token("read")).statusCode()).isEqualTo(403);
    }

    @Test
    void missingDuplicatedOrConflictingForwardedHeadersAreRefused() {
        String t = token("orders:read orders:write admin");
        assertThat(reason(tokencheck.check("/check", t))).isEqualTo("request_invalid");
        assertThat(reason(tokencheck.request("GET", "/check", null, "Authorization", "Bearer " + t,
                "X-Forwarded-Method", "GET"))).isEqualTo("request_invalid");
        assertThat(reason(tokencheck.request("GET", "/check", null, "Authorization", "Bearer " + t,
                "X-Forwarded-Method", "GET", "X-Forwarded-Uri", "/api/public/x", "X-Forwarded-Uri", "/api/admin"))).isEqualTo("request_invalid");
        assertThat(reason(tokencheck.request("GET", "/check", null, "Authorization", "Bearer " + t,
                "X-Original-Method", "GET", "X-Original-URI", "/api/admin/x", "X-Forwarded-Uri", "/api/public/x"))).isEqualTo("request_invalid");
        assertThat(reason(tokencheck.request("GET", "/check", null, "Authorization", "Bearer " + t,
                "X-Forwarded-Method", "GET", "X-Original-Method", "POST", "X-Forwarded-Uri", "/api/orders"))).isEqualTo("request_invalid");
        assertThat(tokencheck.request("GET", "/check", null, "Authorization", "Bearer " + t,
                "X-Original-Method", "GET", "X-Original-URI", "/api/orders/1", "X-Forwarded-Uri", "/api/orders/1").statusCode()).isEqualTo(200);
    }

    @Test
    void withoutRoutesCheckUsesTheDefaultPolicyAndIgnoresForwardedHeaders() {
        try (ServiceFixture plain = ServiceFixture.start()) {
            HttpResponse<String> r = plain.request("GET", "/check", null, "Authorization", "Bearer " + plain.validToken(),
                    "X-Forwarded-Uri", "/..;/x");
            assertThat(r.statusCode()).isEqualTo(200);
        }
    }

    private static String reason(HttpResponse<String> r) {
        assertThat(r.statusCode()).isEqualTo(401);
        return r.headers().firstValue("X-Auth-Deny-Reason").orElse(null);
    }
}
