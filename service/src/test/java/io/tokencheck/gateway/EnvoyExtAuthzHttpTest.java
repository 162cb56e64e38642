package io.tokencheck.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.protobuf.ByteString;
import com.google.protobuf.TypeRegistry;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.ApiVersion;
import io.envoyproxy.envoy.config.core.v3.HeaderMap;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.extensions.filters.http.ext_authz.v3.ExtAuthz;
import io.envoyproxy.envoy.extensions.filters.http.header_mutation.v3.HeaderMutation;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import io.envoyproxy.envoy.service.auth.v3.AttributeContext;
import io.envoyproxy.envoy.service.auth.v3.CheckRequest;
import io.envoyproxy.envoy.service.auth.v3.CheckResponse;
import io.tokencheck.config.ConfigLoader;
import io.tokencheck.config.TokencheckConfig;
import io.tokencheck.http.EnvoyCheckClient;
import io.tokencheck.http.EnvoyExtAuthzService;
import io.tokencheck.testing.ServiceFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Envoy ext_authz in HTTP mode by contract (no Envoy binary here): examples/envoy/envoy.yaml points at the /envoy
 * prefix and passes exactly tokencheck's identity headers upstream and its challenge to the client, and tokencheck
 * answers check requests shaped like Envoy's (original method, /envoy + original path and query, original Host and
 * Authorization, Content-Length: 0, x-envoy-* headers; sent raw so that paths reach tokencheck byte for byte) with the policy of examples/tokencheck.yaml's routes.
 * The gRPC mode's example (examples/envoy/envoy-grpc.yaml) is checked here too: both files parse as Envoy v3
 * bootstraps (the official protos, every typed_config), and the gRPC one reaches tokencheck's gRPC listener over
 * HTTP/2, fails closed and removes exactly the identity headers tokencheck can set. Its behaviour is
 * {@link io.tokencheck.http.EnvoyAuthorizationGrpcTest}.
 */
class EnvoyExtAuthzHttpTest {
    private static final Path EXAMPLE = Path.of("../examples/envoy/envoy.yaml");
    private static final Path GRPC_EXAMPLE = Path.of("../examples/envoy/envoy-grpc.yaml");
    private static final Path TOKENCHECK_EXAMPLE = Path.of("../examples/tokencheck.yaml");
    private static ServiceFixture tokencheck;

    @BeforeAll
    static void start() {
        // With the gRPC listener on, for the gRPC example's checks.
        tokencheck = ServiceFixture.start(NginxAuthRequestTest.tokencheckYaml().replace("port: 0 }", "port: 0, grpc_port: 0 }"), true);
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
        return RawHttp.sendKeepAlive(target.server().port(), method, EnvoyExtAuthzService.PREFIX + originalTarget, headers.toArray(String[]::new));
    }

    private static RawHttp.Response envoy(String method, String originalTarget, String token, String... extra) {
        return envoy(tokencheck, method, originalTarget, token, extra);
    }

    private static String token(String scope) {
        return tokencheck.kit().token().audience(NginxAuthRequestTest.AUDIENCE).scope(scope).claim("tenant", "acme").sign();
    }

    private static Map<String, Object> extAuthz() throws IOException {
        return httpFilter(EXAMPLE, "envoy.filters.http.ext_authz");
    }

    /** The typed_config of the named HTTP filter of the example's first listener. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> httpFilter(Path example, String name) throws IOException {
        Map<String, Object> root = new Yaml().load(Files.readString(example));
        Map<String, Object> listener = ((List<Map<String, Object>>) ((Map<String, Object>) root.get("static_resources")).get("listeners")).getFirst();
        Map<String, Object> chain = ((List<Map<String, Object>>) listener.get("filter_chains")).getFirst();
        Map<String, Object> hcm = (Map<String, Object>) ((List<Map<String, Object>>) chain.get("filters")).getFirst().get("typed_config");
        for (Map<String, Object> filter : (List<Map<String, Object>>) hcm.get("http_filters")) {
            if (filter.get("name").equals(name)) {
                return (Map<String, Object>) filter.get("typed_config");
            }
        }
        throw new AssertionError("no " + name + " filter in " + example);
    }

    /** The example's cluster of this name. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> cluster(Path example, String name) throws IOException {
        Map<String, Object> root = new Yaml().load(Files.readString(example));
        for (Map<String, Object> c : (List<Map<String, Object>>) ((Map<String, Object>) root.get("static_resources")).get("clusters")) {
            if (c.get("name").equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no cluster " + name + " in " + example);
    }

    /** The header names the example's header_mutation filter removes from the request. */
    @SuppressWarnings("unchecked")
    private static List<String> removedRequestHeaders(Path example) throws IOException {
        Map<String, Object> mutations = (Map<String, Object>) httpFilter(example, "envoy.filters.http.header_mutation").get("mutations");
        return ((List<Map<String, Object>>) mutations.get("request_mutations")).stream().map(m -> (String) m.get("remove")).toList();
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

    /**
     * An example file as the Envoy v3 Bootstrap it describes. The JSON parser reads every typed_config (Any) with the
     * registry's type, so an unknown type, an unknown or misspelt field, or a bad value anywhere fails here.
     */
    private static Bootstrap bootstrap(Path example) throws IOException {
        TypeRegistry types = TypeRegistry.newBuilder().add(List.of(HttpConnectionManager.getDescriptor(),
                HeaderMutation.getDescriptor(), ExtAuthz.getDescriptor(), Router.getDescriptor(),
                HttpProtocolOptions.getDescriptor())).build();
        Bootstrap.Builder b = Bootstrap.newBuilder();
        JsonFormat.parser().usingTypeRegistry(types).merge(new Gson().toJson((Object) new Yaml().load(Files.readString(example))), b);
        return b.build();
    }

    private static HttpConnectionManager connectionManager(Bootstrap bootstrap) throws IOException {
        return bootstrap.getStaticResources().getListeners(0).getFilterChains(0).getFilters(0).getTypedConfig()
                .unpack(HttpConnectionManager.class);
    }

    @Test
    void bothExamplesAreEnvoyV3BootstrapsThatTheOfficialProtosAccept() throws IOException {
        for (Path example : List.of(EXAMPLE, GRPC_EXAMPLE)) {
            HttpConnectionManager hcm = connectionManager(bootstrap(example));
            assertThat(hcm.getHttpFiltersList()).as(example.toString()).extracting(f -> f.getName()).containsExactly(
                    "envoy.filters.http.header_mutation", "envoy.filters.http.ext_authz", "envoy.filters.http.router");
            assertThat(hcm.getHttpFilters(1).getTypedConfig().unpack(ExtAuthz.class).getFailureModeAllow()).as(example.toString()).isFalse();
        }
    }

    @Test
    void theGrpcExampleCallsTheGrpcListenerOverHttp2WithV3AndFailsClosed() throws Exception {
        Bootstrap bootstrap = bootstrap(GRPC_EXAMPLE);
        ExtAuthz ext = connectionManager(bootstrap).getHttpFilters(1).getTypedConfig().unpack(ExtAuthz.class);
        assertThat(ext.getTransportApiVersion()).isEqualTo(ApiVersion.V3);
        assertThat(ext.getFailureModeAllow()).isFalse();
        assertThat(ext.hasHttpService()).isFalse();
        assertThat(ext.getEncodeRawHeaders()).isTrue();
        assertThat(ext.getAllowedHeaders().getPatternsList()).extracting(m -> m.getExact()).contains("authorization");
        String clusterName = ext.getGrpcService().getEnvoyGrpc().getClusterName();
        Cluster cluster = bootstrap.getStaticResources().getClustersList().stream()
                .filter(c -> c.getName().equals(clusterName)).findFirst().orElseThrow();
        HttpProtocolOptions options = cluster.getTypedExtensionProtocolOptionsOrThrow("envoy.extensions.upstreams.http.v3.HttpProtocolOptions")
                .unpack(HttpProtocolOptions.class);
        assertThat(options.getExplicitHttpConfig().hasHttp2ProtocolOptions()).isTrue();
        int clusterPort = cluster.getLoadAssignment().getEndpoints(0).getLbEndpoints(0).getEndpoint().getAddress()
                .getSocketAddress().getPortValue();

        // Following the example's instructions gives a tokencheck whose gRPC listener is where the cluster points.
        Matcher told = Pattern.compile("TOKENCHECK_SERVER_GRPC_PORT=(\\d+)").matcher(Files.readString(GRPC_EXAMPLE));
        assertThat(told.find()).as("envoy-grpc.yaml says how to turn tokencheck's gRPC listener on").isTrue();
        TokencheckConfig config = ConfigLoader.load(TOKENCHECK_EXAMPLE, Map.of("TOKENCHECK_SERVER_GRPC_PORT", told.group(1)));
        assertThat(config.server().grpcPort()).hasValue(clusterPort);
        assertThat(clusterPort).isNotEqualTo(config.server().port());
    }

    @Test
    void theGrpcExampleRemovesExactlyTheIdentityHeadersTokencheckCanSet() throws IOException {
        // A check as the example's filter sends it: encode_raw_headers, only Authorization allowed.
        CheckRequest request = EnvoyCheckClient.request(AttributeContext.HttpRequest.newBuilder()
                .setMethod("GET").setPath("/api/orders/7").setHost("api.example.com").setScheme("https").setProtocol("HTTP/1.1")
                .setHeaderMap(HeaderMap.newBuilder().addHeaders(HeaderValue.newBuilder().setKey("authorization")
                        .setRawValue(ByteString.copyFromUtf8("Bearer " + token("orders:read"))))).build());
        try (EnvoyCheckClient client = EnvoyCheckClient.connect(tokencheck.server())) {
            CheckResponse allow = client.check(request);
            assertThat(allow.hasOkResponse()).isTrue();
            List<String> canSet = new ArrayList<>(EnvoyCheckClient.headers(allow.getOkResponse().getHeadersList()).keySet());
            canSet.addAll(allow.getOkResponse().getHeadersToRemoveList());
            assertThat(removedRequestHeaders(GRPC_EXAMPLE)).containsExactlyInAnyOrderElementsOf(canSet);
            assertThat(removedRequestHeaders(EXAMPLE)).containsExactlyInAnyOrderElementsOf(canSet);

            CheckResponse deny = client.check(EnvoyCheckClient.request(request.getAttributes().getRequest().getHttp().toBuilder()
                    .clearHeaderMap().build()));
            assertThat(deny.getDeniedResponse().getStatus().getCodeValue()).isEqualTo(401);
            assertThat(EnvoyCheckClient.headers(deny.getDeniedResponse().getHeadersList())).containsEntry("x-auth-deny-reason", "token_missing");
        }
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
        RawHttp.Response r = RawHttp.sendKeepAlive(tokencheck.server().port(), "GET", "/envoyx/api/orders/7",
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
