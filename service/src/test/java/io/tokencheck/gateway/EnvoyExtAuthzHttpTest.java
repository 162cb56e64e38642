package io.tokencheck.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokencheck.http.EnvoyExtAuthzService;
import io.tokencheck.testing.ServiceFixture;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Envoy ext_authz in HTTP mode by contract (no Envoy binary here): examples/envoy/envoy.yaml points at the /envoy
 * prefix and passes exactly tokencheck's identity headers upstream and its challenge to the client, and tokencheck
 * answers check requests shaped like Envoy's (original method, /envoy + original path and query, original Host and
 * Authorization, Content-Length: 0, x-envoy-* headers; sent raw so that paths reach tokencheck byte for byte) with the policy of examples/tokencheck.yaml's routes.
 */
class EnvoyExtAuthzHttpTest {
    private static final Path EXAMPLE = Path.of("../examples/envoy/envoy.yaml");
    private static ServiceFixture tokencheck;

    @BeforeAll
    static void start() {
        tokencheck = ServiceFixture.start(NginxAuthRequestTest.tokencheckYaml(), true);
    }

    @AfterAll
    static void stop() {
        tokencheck.close();
    }

    /** A check request as Envoy sends it: Host is the original :authority (RawHttp sends api.example.com). */
    private static RawHttp.Response envoy(ServiceFixture target, String method, String originalTarget, String token,
                                          String... extra) {
        List<String> headers = new ArrayList<>(List.of("content-length", "0", "x-forwarded-proto", "https",
                "x-request-id", "4f1c2b9e-7d3a-4a5b-9c1d-2e3f4a5b6c7d", "x-envoy-expected-rq-timeout-ms", "1000"));
        if (token != null) {
            headers.addAll(List.of("authorization", "Bearer " + token));
        }
        headers.addAll(List.of(extra));
        return send(target.server().port(), method, EnvoyExtAuthzService.PREFIX + originalTarget, headers.toArray(String[]::new));
    }

    /**
     * One request byte for byte, Host api.example.com; reads the head and a Content-Length body (Helidon keeps the
     * connection open after an empty response, so {@link RawHttp}'s read-until-close would wait).
     */
    private static RawHttp.Response send(int port, String method, String target, String... headers) {
        StringBuilder req = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: api.example.com\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            req.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        req.append("\r\n");
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            s.setSoTimeout(15000);
            s.getOutputStream().write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            int status = Integer.parseInt(in.readLine().split(" ")[1]);
            List<String[]> received = new ArrayList<>();
            int length = 0;
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                int colon = line.indexOf(':');
                String[] h = {line.substring(0, colon).trim(), line.substring(colon + 1).trim()};
                received.add(h);
                if (h[0].equalsIgnoreCase("content-length")) {
                    length = Integer.parseInt(h[1]);
                }
            }
            char[] body = new char[Math.min(length, 1 << 20)];
            int read = 0;
            while (read < body.length) {
                int n = in.read(body, read, body.length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            return new RawHttp.Response(status, received, new String(body, 0, read));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RawHttp.Response envoy(String method, String originalTarget, String token, String... extra) {
        return envoy(tokencheck, method, originalTarget, token, extra);
    }

    private static String token(String scope) {
        return tokencheck.kit().token().audience(NginxAuthRequestTest.AUDIENCE).scope(scope).claim("tenant", "acme").sign();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> extAuthz() throws IOException {
        Map<String, Object> root = new Yaml().load(Files.readString(EXAMPLE));
        Map<String, Object> listener = ((List<Map<String, Object>>) ((Map<String, Object>) root.get("static_resources")).get("listeners")).getFirst();
        Map<String, Object> chain = ((List<Map<String, Object>>) listener.get("filter_chains")).getFirst();
        Map<String, Object> hcm = (Map<String, Object>) ((List<Map<String, Object>>) chain.get("filters")).getFirst().get("typed_config");
        for (Map<String, Object> filter : (List<Map<String, Object>>) hcm.get("http_filters")) {
            if (filter.get("name").equals("envoy.filters.http.ext_authz")) {
                return (Map<String, Object>) filter.get("typed_config");
            }
        }
        throw new AssertionError("no ext_authz filter in " + EXAMPLE);
    }

    @SuppressWarnings("unchecked")
    private static List<String> exactPatterns(Map<String, Object> parent, String key) {
        Map<String, Object> matcher = (Map<String, Object>) parent.get(key);
        return ((List<Map<String, Object>>) matcher.get("patterns")).stream().map(p -> (String) p.get("exact")).toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void exampleFilterUsesThePrefixAndPassesExactlyTheHeadersTokencheckSets() throws IOException {
        Map<String, Object> config = extAuthz();
        assertThat(config.get("failure_mode_allow")).isEqualTo(false);
        Map<String, Object> http = (Map<String, Object>) config.get("http_service");
        assertThat(http.get("path_prefix")).isEqualTo(EnvoyExtAuthzService.PREFIX);
        assertThat(exactPatterns((Map<String, Object>) http.get("authorization_request"), "allowed_headers")).contains("authorization");
        Map<String, Object> response = (Map<String, Object>) http.get("authorization_response");

        RawHttp.Response allow = envoy("GET", "/api/orders/7", token("orders:read"));
        assertThat(allow.status()).isEqualTo(200);
        List<String> identity = allow.headers().stream().map(h -> h[0].toLowerCase(Locale.ROOT))
                .filter(h -> h.startsWith("x-auth-")).toList();
        assertThat(exactPatterns(response, "allowed_upstream_headers")).containsExactlyInAnyOrderElementsOf(identity);

        RawHttp.Response deny = envoy("GET", "/api/orders/7", null);
        List<String> denyHeaders = deny.headers().stream().map(h -> h[0].toLowerCase(Locale.ROOT))
                .filter(h -> h.startsWith("x-auth-") || h.equals("www-authenticate")).toList();
        assertThat(exactPatterns(response, "allowed_client_headers")).containsAll(denyHeaders).contains("retry-after");
    }

    @Test
    void allowIs200WithIdentityHeadersForTheUpstream() {
        RawHttp.Response r = envoy("GET", "/api/orders/7", token("orders:read"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("X-Auth-Subject")).contains("user-1001");
        assertThat(r.header("X-Auth-Scopes")).contains("orders:read");
        assertThat(r.header("X-Auth-Tenant")).contains("acme");
        assertThat(r.header("X-Auth-Issuer")).contains(tokencheck.kit().issuer());
        assertThat(r.header("X-Auth-Deny-Reason")).isEmpty();
    }

    @Test
    void theForwardedMethodPicksTheRouteAndTheDenyCarriesTheChallenge() {
        RawHttp.Response write = envoy("PUT", "/api/orders/7", token("orders:read"));
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.header("WWW-Authenticate").orElseThrow()).startsWith("Bearer realm=\"tokencheck\", error=\"insufficient_scope\"")
                .endsWith("scope=\"orders:write\"");
        assertThat(write.header("X-Auth-Deny-Reason")).contains("scope_insufficient");
        assertThat(envoy("PUT", "/api/orders/7", token("orders:write")).status()).isEqualTo(200);
        assertThat(envoy("HEAD", "/api/orders/7", token("orders:read")).status()).isEqualTo(200);
    }

    @Test
    void expiredAndMissingTokensAre401WithTheirChallenge() {
        String expired = tokencheck.kit().token().audience(NginxAuthRequestTest.AUDIENCE).scope("orders:read")
                .expiresIn(Duration.ofMinutes(-10)).claim("iat", 1L).claim("nbf", 1L).sign();
        RawHttp.Response r = envoy("GET", "/api/orders/7", expired);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).contains(
                "Bearer realm=\"tokencheck\", error=\"invalid_token\", error_description=\"token has expired\"");
        assertThat(r.header("X-Auth-Deny-Reason")).contains("token_expired");
        RawHttp.Response missing = envoy("GET", "/api/orders/7", null);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.header("WWW-Authenticate")).contains("Bearer realm=\"tokencheck\"");
        assertThat(missing.header("X-Auth-Deny-Reason")).contains("token_missing");
    }

    @Test
    void thePathAfterThePrefixIsNormalisedOrRefusedBeforeMatching() {
        String read = token("read");
        assertThat(envoy("GET", "/api/public/x?next=/api/admin", read).status()).isEqualTo(200);
        RawHttp.Response dotted = envoy("GET", "/api/public/../admin/users", read);
        assertThat(dotted.status()).isEqualTo(403);
        assertThat(dotted.header("X-Auth-Deny-Reason")).contains("scope_insufficient");
        RawHttp.Response servletTrick = envoy("GET", "/api/public/..;/admin", read);
        assertThat(servletTrick.status()).isEqualTo(401);
        assertThat(servletTrick.header("X-Auth-Deny-Reason")).contains("request_invalid");
        assertThat(envoy("GET", "/api/public/%2e%2e/admin", read).header("X-Auth-Deny-Reason")).contains("request_invalid");
        assertThat(envoy("GET", "/api/public%2Fx", read).header("X-Auth-Deny-Reason")).contains("request_invalid");
    }

    @Test
    void anUnmatchedPathOrTheBarePrefixIsDenied() {
        String admin = token("admin orders:read");
        RawHttp.Response unmatched = envoy("GET", "/elsewhere", admin);
        assertThat(unmatched.status()).isEqualTo(401);
        assertThat(unmatched.header("X-Auth-Deny-Reason")).contains("policy_not_found");
        assertThat(envoy("GET", "", admin).header("X-Auth-Deny-Reason")).contains("policy_not_found");
        assertThat(envoy("GET", "/", admin).header("X-Auth-Deny-Reason")).contains("policy_not_found");
    }

    @Test
    void forwardedHeadersDoNotOverrideThePathEnvoySent() {
        RawHttp.Response r = envoy("GET", "/api/admin/users", token("read"), "X-Forwarded-Uri", "/api/public/x",
                "X-Original-URI", "/api/public/x", "X-Forwarded-Method", "GET");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.header("X-Auth-Deny-Reason")).contains("scope_insufficient");
    }

    @Test
    void aPathThatOnlyLooksLikeThePrefixIsNotAnEnvoyCheck() {
        RawHttp.Response r = send(tokencheck.server().port(), "GET", "/envoyx/api/orders/7",
                "authorization", "Bearer " + token("orders:read"));
        assertThat(r.status()).isEqualTo(404);
    }

    @Test
    void theOriginalHostSelectsHostRoutes() {
        String yaml = ServiceFixture.DEFAULT_YAML + """
                routes:
                  - prefix: /api
                    hosts: [admin.example.com]
                    policy: admin
                  - prefix: /api
                    hosts: [API.example.com]
                    policy: default
                """;
        try (ServiceFixture hosts = ServiceFixture.start(yaml, true)) {
            // RawHttp sends Host: api.example.com, as Envoy does for a client request to that authority.
            assertThat(envoy(hosts, "GET", "/api/x", hosts.validToken()).status()).isEqualTo(200);
        }
        String otherHost = ServiceFixture.DEFAULT_YAML + """
                routes:
                  - prefix: /api
                    hosts: [admin.example.com]
                    policy: default
                """;
        try (ServiceFixture hosts = ServiceFixture.start(otherHost, true)) {
            assertThat(envoy(hosts, "GET", "/api/x", hosts.validToken()).header("X-Auth-Deny-Reason")).contains("policy_not_found");
        }
    }

    @Test
    void withoutRoutesEveryPathUsesTheDefaultPolicy() {
        try (ServiceFixture plain = ServiceFixture.start()) {
            assertThat(envoy(plain, "POST", "/anything/at/all?x=1", plain.validToken()).status()).isEqualTo(200);
            // Helidon resolves /envoy/../x to /x before routing: that is no check at all, a 404, and Envoy denies it.
            assertThat(envoy(plain, "GET", "/../x", plain.validToken()).status()).isEqualTo(404);
            assertThat(envoy(plain, "DELETE", "/x", null).header("X-Auth-Deny-Reason")).contains("token_missing");
        }
    }
}
