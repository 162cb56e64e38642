package io.tokencheck.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.rpc.Code;
import io.envoyproxy.envoy.config.core.v3.HeaderMap;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.service.auth.v3.AttributeContext;
import io.envoyproxy.envoy.service.auth.v3.CheckRequest;
import io.envoyproxy.envoy.service.auth.v3.CheckResponse;
import io.tokencheck.testing.ServiceFixture;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Envoy ext_authz in gRPC mode against a real tokencheck (its own gRPC listener, a real loopback JWKS issuer) with a
 * real grpc-java client sending CheckRequests shaped like Envoy's; and the same requests through the HTTP mode
 * (/envoy), which must answer with the same status and headers.
 */
class EnvoyAuthorizationGrpcTest {
    /** The fixture's default config with the gRPC listener on and routes: GET orders for anyone, writes and admin for admin. */
    static final String YAML = ServiceFixture.DEFAULT_YAML.replace("port: 0 }", "port: 0, grpc_port: 0 }") + """
            routes:
              - path: /api/orders/{id}
                methods: [GET, HEAD]
                policy: default
              - prefix: /api/orders
                methods: [POST, PUT, PATCH, DELETE]
                policy: admin
              - prefix: /api/admin
                policy: admin
              - prefix: /api/public
                policy: default
            """;

    private static ServiceFixture tokencheck;
    private static EnvoyCheckClient envoy;

    @BeforeAll
    static void start() {
        tokencheck = ServiceFixture.start(YAML, true);
        envoy = EnvoyCheckClient.connect(tokencheck.server());
    }

    @AfterAll
    static void stop() {
        envoy.close();
        tokencheck.close();
    }

    private static String token(String scope) {
        return tokencheck.kit().token().scope(scope).claim("tenant", "acme").sign();
    }

    private static CheckResponse check(String method, String path, String token, String... extra) {
        List<String> headers = new ArrayList<>(List.of(extra));
        if (token != null) {
            headers.addAll(List.of("authorization", "Bearer " + token));
        }
        return envoy.check(method, path, headers.toArray(String[]::new));
    }

    /** The HTTP attributes of GET /api/orders/7 on api.example.com, without headers. */
    private static AttributeContext.HttpRequest.Builder getOrder() {
        return AttributeContext.HttpRequest.newBuilder().setMethod("GET").setPath("/api/orders/7").setHost("api.example.com");
    }

    private static Map<String, String> deniedHeaders(CheckResponse r) {
        return EnvoyCheckClient.headers(r.getDeniedResponse().getHeadersList());
    }

    /** A deny with this gRPC code, HTTP status for the client and reason. */
    private static void assertDenied(CheckResponse r, int grpcCode, int httpStatus, String reason) {
        assertThat(r.getStatus().getCode()).isEqualTo(grpcCode);
        assertThat(r.getStatus().getMessage()).isEqualTo(reason);
        assertThat(r.getDeniedResponse().getStatus().getCodeValue()).isEqualTo(httpStatus);
        assertThat(reason(r)).isEqualTo(reason);
    }

    private static String reason(CheckResponse r) {
        return deniedHeaders(r).get("x-auth-deny-reason");
    }

    @Test
    void aValidTokenIsOkWithTheIdentityHeadersOverwrittenOnTheUpstreamRequest() {
        CheckResponse r = check("GET", "/api/orders/7?expand=items", token("orders:read"));
        assertThat(r.getStatus().getCode()).isEqualTo(Code.OK_VALUE);
        assertThat(r.hasOkResponse()).isTrue();
        assertThat(EnvoyCheckClient.headers(r.getOkResponse().getHeadersList())).containsExactly(
                Map.entry("x-auth-subject", "user-1001"),
                Map.entry("x-auth-issuer", tokencheck.kit().issuer()),
                Map.entry("x-auth-scopes", "orders:read"),
                Map.entry("x-auth-client-id", "demo-client"),
                Map.entry("x-auth-tenant", "acme"));
        assertThat(r.getOkResponse().getHeadersList()).extracting(HeaderValueOption::getAppendAction)
                .containsOnly(HeaderValueOption.HeaderAppendAction.OVERWRITE_IF_EXISTS_OR_ADD);
        assertThat(r.getOkResponse().getHeadersToRemoveList()).isEmpty();
    }

    @Test
    void anIdentityHeaderTheTokenCannotFillIsRemovedFromTheUpstreamRequest() {
        String anonymous = tokencheck.kit().token().scope("orders:read").claim("sub", null).claim("client_id", null).sign();
        CheckResponse r = check("GET", "/api/orders/7", anonymous, "x-auth-subject", "admin", "x-auth-client-id", "spoofed");
        assertThat(r.getStatus().getCode()).isEqualTo(Code.OK_VALUE);
        assertThat(EnvoyCheckClient.headers(r.getOkResponse().getHeadersList())).containsOnlyKeys("x-auth-issuer", "x-auth-scopes");
        // A client-sent X-Auth-Subject or X-Auth-Tenant must not reach the upstream as if tokencheck had set it.
        assertThat(r.getOkResponse().getHeadersToRemoveList()).containsExactly("x-auth-subject", "x-auth-client-id", "x-auth-tenant");
    }

    @Test
    void aRequestWithoutATokenIsUnauthenticated401WithTheBareChallenge() {
        CheckResponse r = check("GET", "/api/orders/7", null);
        assertDenied(r, Code.UNAUTHENTICATED_VALUE, 401, "token_missing");
        assertThat(deniedHeaders(r)).containsEntry("www-authenticate", "Bearer realm=\"tokencheck\"")
                .containsEntry("x-auth-deny-reason", "token_missing")
                .containsEntry("cache-control", "no-store");
        assertThat(r.getDeniedResponse().getBody()).isEmpty();
    }

    @Test
    void anExpiredTokenIsUnauthenticated401WithInvalidToken() {
        String expired = tokencheck.kit().token().scope("orders:read").expiresIn(Duration.ofMinutes(-10))
                .claim("iat", 1L).claim("nbf", 1L).sign();
        CheckResponse r = check("GET", "/api/orders/7", expired);
        assertDenied(r, Code.UNAUTHENTICATED_VALUE, 401, "token_expired");
        assertThat(deniedHeaders(r)).containsEntry("www-authenticate",
                "Bearer realm=\"tokencheck\", error=\"invalid_token\", error_description=\"token has expired\"");
    }

    @Test
    void aMissingScopeIsPermissionDenied403NamingTheScopeInTheChallenge() {
        CheckResponse r = check("PUT", "/api/orders/7", token("orders:read"));
        assertDenied(r, Code.PERMISSION_DENIED_VALUE, 403, "scope_insufficient");
        assertThat(deniedHeaders(r).get("www-authenticate"))
                .startsWith("Bearer realm=\"tokencheck\", error=\"insufficient_scope\"").endsWith("scope=\"admin\"");
    }

    @Test
    void theOriginalMethodAndPathPickThePolicy() {
        String read = token("orders:read");
        assertThat(check("GET", "/api/orders/7", read).getStatus().getCode()).isEqualTo(Code.OK_VALUE);
        assertThat(check("HEAD", "/api/orders/7", read).getStatus().getCode()).isEqualTo(Code.OK_VALUE);
        assertThat(reason(check("DELETE", "/api/orders/7", read))).isEqualTo("scope_insufficient");
        assertThat(check("DELETE", "/api/orders/7", token("admin")).getStatus().getCode()).isEqualTo(Code.OK_VALUE);
        assertThat(reason(check("GET", "/api/admin/users", read))).isEqualTo("scope_insufficient");
        assertThat(check("GET", "/api/public/x", token("read")).getStatus().getCode()).isEqualTo(Code.OK_VALUE);
        // Normalised before matching: /api/public/../admin is /api/admin.
        assertThat(reason(check("GET", "/api/public/../admin/users", token("read")))).isEqualTo("scope_insufficient");
        assertThat(reason(check("GET", "/api/public/%2e%2e/admin", token("read")))).isEqualTo("request_invalid");
        assertThat(reason(check("GET", "/elsewhere", token("admin")))).isEqualTo("policy_not_found");
        // Forwarded headers are no second source of the path.
        assertThat(reason(check("GET", "/api/admin/users", read, "x-forwarded-uri", "/api/public/x"))).isEqualTo("scope_insufficient");
    }

    @Test
    void aBadSignatureIsUnauthenticated401() {
        String good = token("orders:read");
        // A character inside the signature (the last one may carry only padding bits): one real bit differs.
        int i = good.lastIndexOf('.') + 5;
        String tampered = good.substring(0, i) + (good.charAt(i) == 'A' ? 'B' : 'A') + good.substring(i + 1);
        assertDenied(check("GET", "/api/orders/7", tampered), Code.UNAUTHENTICATED_VALUE, 401, "signature_invalid");
    }

    @Test
    void severalAuthorizationValuesAreRefusedAsSeveralHeadersAre() {
        String a = token("orders:read");
        // Two Authorization headers, as Envoy merges them into one map entry.
        assertDenied(check("GET", "/api/orders/7", a, "authorization", "Bearer " + a), Code.UNAUTHENTICATED_VALUE, 401, "request_invalid");
        // encode_raw_headers: one header_map entry per header.
        HeaderValue header = HeaderValue.newBuilder().setKey("authorization").setRawValue(ByteString.copyFromUtf8("Bearer " + a)).build();
        HeaderMap raw = HeaderMap.newBuilder().addHeaders(header).addHeaders(header).build();
        CheckRequest rawRequest = EnvoyCheckClient.request(getOrder().setHeaderMap(raw).build());
        assertThat(reason(envoy.check(rawRequest))).isEqualTo("request_invalid");
        // One raw header alone is a token like any other.
        CheckRequest single = EnvoyCheckClient.request(getOrder().setHeaderMap(HeaderMap.newBuilder().addHeaders(raw.getHeaders(0))).build());
        assertThat(envoy.check(single).getStatus().getCode()).isEqualTo(Code.OK_VALUE);
        // A second key in another case (no Envoy sends it, a hand-made client might) is a second value.
        CheckRequest cased = EnvoyCheckClient.request(getOrder()
                .putHeaders("authorization", "Bearer " + a).putHeaders("Authorization", "Bearer " + a).build());
        assertThat(reason(envoy.check(cased))).isEqualTo("request_invalid");
        // RFC 6750: a token in the query next to the header is two methods at once.
        assertThat(reason(check("GET", "/api/orders/7?access_token=" + a, a))).isEqualTo("request_invalid");
    }

    @Test
    void anEmptyCheckRequestIsADenyNotAnError() {
        assertDenied(envoy.check(CheckRequest.getDefaultInstance()), Code.UNAUTHENTICATED_VALUE, 401, "request_invalid");
    }

    @Test
    void theGrpcAndTheHttpModeGiveTheSameStatusAndHeadersForTheSameRequest() {
        String read = token("orders:read");
        String expired = tokencheck.kit().token().scope("orders:read").expiresIn(Duration.ofMinutes(-10))
                .claim("iat", 1L).claim("nbf", 1L).sign();
        String otherAudience = tokencheck.kit().token().audience("api://elsewhere").scope("orders:read").sign();
        String[][] cases = {
                {"GET", "/api/orders/7", "Bearer " + read},
                {"GET", "/api/orders/7?expand=items", "Bearer " + read},
                {"PUT", "/api/orders/7", "Bearer " + read},
                {"GET", "/api/orders/7", "Bearer " + expired},
                {"GET", "/api/orders/7", "Bearer " + otherAudience},
                {"GET", "/api/orders/7", "Bearer " + read.substring(0, read.length() - 2)},
                {"GET", "/api/orders/7", "Bearer not.a.jwt"},
                {"GET", "/api/orders/7", "Basic dXNlcjpwYXNz"},
                {"GET", "/api/orders/7", null},
                {"GET", "/api/admin/users", "Bearer " + token("admin")},
                {"GET", "/elsewhere", "Bearer " + read},
                {"GET", "/api/orders/7?access_token=" + read, "Bearer " + read},
        };
        for (String[] c : cases) {
            String method = c[0];
            String path = c[1];
            String auth = c[2];
            HttpResponse<String> http = auth == null
                    ? tokencheck.request(method, EnvoyExtAuthzService.PREFIX + path, null)
                    : tokencheck.request(method, EnvoyExtAuthzService.PREFIX + path, null, "Authorization", auth);
            CheckResponse grpc = auth == null ? envoy.check(method, path) : envoy.check(method, path, "authorization", auth);
            String label = method + " " + path + " " + (auth == null ? "no token" : auth.substring(0, Math.min(12, auth.length())));
            if (http.statusCode() == 200) {
                assertThat(grpc.getStatus().getCode()).as(label).isEqualTo(Code.OK_VALUE);
                assertThat(EnvoyCheckClient.headers(grpc.getOkResponse().getHeadersList())).as(label)
                        .isEqualTo(httpHeaders(http, true));
            } else {
                assertThat(grpc.getDeniedResponse().getStatus().getCodeValue()).as(label).isEqualTo(http.statusCode());
                assertThat(deniedHeaders(grpc)).as(label).isEqualTo(httpHeaders(http, false));
                assertThat(grpc.getDeniedResponse().getBody()).as(label).isEqualTo(http.body());
            }
        }
        // Two headers over HTTP, one comma-joined map entry over gRPC: the same refusal.
        HttpResponse<String> two = tokencheck.request("GET", EnvoyExtAuthzService.PREFIX + "/api/orders/7", null,
                "Authorization", "Bearer " + read, "Authorization", "Bearer " + read);
        CheckResponse joined = envoy.check("GET", "/api/orders/7", "authorization", "Bearer " + read, "authorization", "Bearer " + read);
        assertThat(joined.getDeniedResponse().getStatus().getCodeValue()).isEqualTo(two.statusCode()).isEqualTo(401);
        assertThat(deniedHeaders(joined)).isEqualTo(httpHeaders(two, false));
    }

    /**
     * The headers of an HTTP-mode answer that the gRPC mode carries: on allow the identity headers (what Envoy adds
     * upstream), on deny the headers of the answer (what Envoy sends the client), lower-cased, without transport
     * headers (content-length, date, connection).
     */
    private static Map<String, String> httpHeaders(HttpResponse<String> r, boolean allow) {
        Map<String, String> out = new LinkedHashMap<>();
        r.headers().map().forEach((name, values) -> {
            String n = name.toLowerCase(Locale.ROOT);
            boolean identity = n.startsWith("x-auth-") && !n.equals("x-auth-deny-reason");
            boolean answer = n.equals("www-authenticate") || n.equals("x-auth-deny-reason") || n.equals("retry-after")
                    || n.equals("cache-control");
            if (allow ? identity : answer) {
                out.put(n, String.join(",", values));
            }
        });
        return out;
    }

    @Test
    void grpcDecisionsAreCountedInTheDecisionMetricsLikeHttpOnes() {
        String allowLabels = "outcome=\"allow\",policy=\"default\",reason=\"none\"";
        String denyLabels = "outcome=\"deny\",policy=\"admin\",reason=\"scope_insufficient\"";
        double allowBefore = Math.max(0, HealthAndMetricsTest.counter(tokencheck.get("/metrics").body(), "tokencheck_decisions_total", allowLabels));
        double denyBefore = Math.max(0, HealthAndMetricsTest.counter(tokencheck.get("/metrics").body(), "tokencheck_decisions_total", denyLabels));
        String read = token("orders:read");
        check("GET", "/api/orders/1", read);
        check("GET", "/api/orders/2", read);
        check("POST", "/api/orders", read);
        String metrics = tokencheck.get("/metrics").body();
        assertThat(HealthAndMetricsTest.counter(metrics, "tokencheck_decisions_total", allowLabels)).isEqualTo(allowBefore + 2);
        assertThat(HealthAndMetricsTest.counter(metrics, "tokencheck_decisions_total", denyLabels)).isEqualTo(denyBefore + 1);
    }

    @Test
    void keysThatCannotBeFetchedAreUnavailable503WithRetryAfterAsInTheHttpMode() {
        String down = """
                server: { host: 127.0.0.1, port: 0, grpc_port: 0 }
                jwks: { request_wait: 200ms, retry_interval: 1s, unavailable_retry_after: 7s }
                issuers:
                  - name: down
                    issuer: ${ISSUER}
                    jwks_uri: http://127.0.0.1:9/jwks.json
                    audiences: [api://default]
                policies:
                  default: {}
                """;
        try (ServiceFixture unavailable = ServiceFixture.start(down, false);
             EnvoyCheckClient client = EnvoyCheckClient.connect(unavailable.server())) {
            String t = unavailable.validToken();
            CheckResponse r = client.check("GET", "/x", "authorization", "Bearer " + t);
            assertDenied(r, Code.UNAVAILABLE_VALUE, 503, "jwks_unavailable");
            assertThat(deniedHeaders(r)).containsEntry("retry-after", "7");
            HttpResponse<String> http = unavailable.check(EnvoyExtAuthzService.PREFIX + "/x", t);
            assertThat(http.statusCode()).isEqualTo(503);
            assertThat(deniedHeaders(r)).isEqualTo(httpHeaders(http, false));
        }
    }
}
