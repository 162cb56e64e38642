package io.tokencheck.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouteReaderTest {
    private static final String POLICIES = ConfigFile.MINIMAL_ISSUERS + """
            policies:
              default: {}
              orders-read: { scopes: [orders:read] }
              admin: { scopes: [admin] }
            """;

    @TempDir
    Path dir;
    private ConfigFile file;

    @BeforeEach
    void setUp() {
        file = new ConfigFile(dir);
    }

    private String error(String routes) {
        return file.error(POLICIES + routes);
    }

    @Test
    void routesAreReadInFileOrderWithMethodsHostsAndPolicy() throws Exception {
        TokencheckConfig c = file.load(POLICIES + """
                routes:
                  - path: /api/orders/{id}
                    methods: [GET, HEAD]
                    policy: orders-read
                  - prefix: /api/admin
                    hosts: [API.Example.com.]
                    policy: admin
                  - { prefix: /, policy: default }
                """);
        assertThat(c.routes()).containsExactly(
                new RouteSettings("/api/orders/{id}", false, List.of("GET", "HEAD"), List.of(), "orders-read"),
                new RouteSettings("/api/admin", true, List.of(), List.of("api.example.com"), "admin"),
                new RouteSettings("/", true, List.of(), List.of(), "default"));
    }

    @Test
    void noRoutesMeansAnEmptyList() throws Exception {
        assertThat(file.load(POLICIES).routes()).isEmpty();
    }

    @Test
    void policyMustExist() {
        assertThat(error("routes:\n  - { path: /a, policy: nope }\n"))
                .endsWith("routes[0].policy: unknown policy \"nope\" (configured: admin, default, orders-read)");
    }

    @Test
    void policyIsRequired() {
        assertThat(error("routes:\n  - { path: /a }\n")).endsWith("routes[0].policy: missing (required: the name of a configured policy)");
    }

    @Test
    void exactlyOneOfPathAndPrefix() {
        assertThat(error("routes:\n  - { path: /a, prefix: /a, policy: admin }\n")).endsWith("routes[0]: set either path (exact or {param} template) or prefix, not both");
        assertThat(error("routes:\n  - { policy: admin }\n")).endsWith("routes[0]: missing path or prefix (path: /exact/{param}, or prefix: /everything/below)");
    }

    @Test
    void unknownRouteKeySuggestsTheClosest() {
        assertThat(error("routes:\n  - { path: /a, policy: admin, method: GET }\n")).endsWith("routes[0].method: unknown key (did you mean methods?)");
    }

    @Test
    void patternsThatCouldNeverMatchAreErrors() {
        assertThat(error("routes:\n  - { path: api, policy: admin }\n")).endsWith("routes[0].path: must start with /, found \"api\"");
        assertThat(error("routes:\n  - { prefix: /api/, policy: admin }\n")).endsWith("routes[0].prefix: must not end with / (a trailing slash is ignored when matching; write \"/api\")");
        assertThat(error("routes:\n  - { path: /a//b, policy: admin }\n")).endsWith("routes[0].path: empty segment (//) in \"/a//b\"");
        assertThat(error("routes:\n  - { path: /a/../b, policy: admin }\n")).contains("routes[0].path: dot segments are not allowed");
        assertThat(error("routes:\n  - { path: /a%2Fb, policy: admin }\n")).contains("routes[0].path: segment \"a%2Fb\" has a character");
        assertThat(error("routes:\n  - { path: /a;b, policy: admin }\n")).contains("routes[0].path: segment \"a;b\" has a character");
        assertThat(error("routes:\n  - { path: '/a/b{id}', policy: admin }\n")).contains("a parameter is a whole segment {name}");
        assertThat(error("routes:\n  - { path: '/a/{id}/{id}', policy: admin }\n")).endsWith("routes[0].path: parameter {id} appears twice");
    }

    @Test
    void methodsAreUpperCaseTokens() {
        assertThat(error("routes:\n  - { path: /a, methods: [get], policy: admin }\n")).endsWith("routes[0].methods[0]: HTTP methods are case-sensitive: write GET");
        assertThat(error("routes:\n  - { path: /a, methods: ['GET POST'], policy: admin }\n")).endsWith("routes[0].methods[0]: not an HTTP method: \"GET POST\"");
    }

    @Test
    void hostsHaveNoSchemeOrPort() {
        assertThat(error("routes:\n  - { path: /a, hosts: ['api.example.com:443'], policy: admin }\n"))
                .endsWith("routes[0].hosts[0]: expected a host name without scheme or port, found \"api.example.com:443\"");
    }

    @Test
    void emptyOrWronglyShapedRoutesAreErrors() {
        assertThat(error("routes: []\n")).endsWith("routes: must list at least one route (remove routes to use the default policy for /check)");
        assertThat(error("routes: { path: /a }\n")).endsWith("routes: expected a list of routes (- path: ..., policy: ...), found a mapping");
    }

    @Test
    void aRouteShadowedByAnEarlierOneIsAnError() {
        assertThat(error("routes:\n  - { prefix: /api, policy: default }\n  - { path: /api/admin, policy: admin }\n"))
                .endsWith("routes[1]: never matches: routes[0] comes first and covers every request it would match"
                        + " (first match wins; put the more specific route first)");
        assertThat(error("routes:\n  - { path: '/api/{id}', policy: default }\n  - { path: /api/admin, methods: [GET], policy: admin }\n"))
                .contains("routes[1]: never matches: routes[0]");
        assertThat(error("routes:\n  - { prefix: /, policy: default }\n  - { prefix: /x, policy: admin }\n"))
                .contains("routes[1]: never matches: routes[0]");
    }

    @Test
    void routesThatOnlyOverlapAreFine() throws Exception {
        assertThat(file.load(POLICIES + """
                routes:
                  - { path: /api/admin, methods: [GET], policy: orders-read }
                  - { prefix: /api, methods: [GET, POST], policy: admin }
                  - { path: '/api/{id}', policy: default }
                  - { prefix: /api, hosts: [a.example], policy: admin }
                  - { prefix: /api, policy: default }
                """).routes()).hasSize(5);
    }
}
