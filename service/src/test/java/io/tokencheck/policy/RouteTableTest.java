package io.tokencheck.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokencheck.config.RouteSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private static RouteSettings exact(String path, String policy, String... methods) {
        return new RouteSettings(path, false, List.of(methods), List.of(), policy);
    }

    private static RouteSettings prefix(String path, String policy, String... methods) {
        return new RouteSettings(path, true, List.of(methods), List.of(), policy);
    }

    private static final RouteTable API = RouteTable.compile(List.of(
            exact("/api/orders/{id}", "orders-read", "GET", "HEAD"),
            exact("/api/orders", "orders-write", "POST"),
            prefix("/api/admin", "admin"),
            prefix("/tenants/{tenant}/reports", "reports", "GET"),
            new RouteSettings("/internal", true, List.of(), List.of("ops.example.com"), "ops"),
            prefix("/api/public", "default")));

    private static String policy(String method, String host, String target) {
        RouteSelection s = API.select(method, host, target);
        return switch (s) {
            case RouteSelection.Matched m -> m.policy();
            case RouteSelection.Unmatched u -> "<unmatched>";
            case RouteSelection.Refused r -> "<refused>";
        };
    }

    @Test
    void templateMatchesExactlyOneSegment() {
        assertThat(policy("GET", null, "/api/orders/42")).isEqualTo("orders-read");
        assertThat(policy("HEAD", null, "/api/orders/42?x=1")).isEqualTo("orders-read");
        assertThat(policy("GET", null, "/api/orders/42/items")).isEqualTo("<unmatched>");
        assertThat(policy("GET", null, "/api/orders")).isEqualTo("<unmatched>");
    }

    @Test
    void methodsAreCaseSensitiveAndRestrictTheRoute() {
        assertThat(policy("POST", null, "/api/orders")).isEqualTo("orders-write");
        assertThat(policy("DELETE", null, "/api/orders/42")).isEqualTo("<unmatched>");
        assertThat(policy("get", null, "/api/orders/42")).isEqualTo("<unmatched>");
    }

    @Test
    void prefixMatchesOnSegmentBoundariesOnly() {
        assertThat(policy("DELETE", null, "/api/admin")).isEqualTo("admin");
        assertThat(policy("GET", null, "/api/admin/users/7")).isEqualTo("admin");
        assertThat(policy("GET", null, "/api/administrator")).isEqualTo("<unmatched>");
        assertThat(policy("GET", null, "/tenants/acme/reports/2024")).isEqualTo("reports");
    }

    @Test
    void dotSegmentTricksSelectThePolicyOfThePathActuallyServed() {
        assertThat(policy("GET", null, "/api/public/../admin/users")).isEqualTo("admin");
        assertThat(policy("GET", null, "/api/public/./../admin")).isEqualTo("admin");
        assertThat(policy("GET", null, "//api//admin//")).isEqualTo("admin");
        assertThat(policy("GET", null, "/api/%61dmin")).isEqualTo("admin");
        assertThat(policy("GET", null, "/api/public?next=/api/admin")).isEqualTo("default");
        assertThat(policy("GET", null, "/api/admin/../public/x")).isEqualTo("default");
    }

    @Test
    void ambiguousPathsAreRefusedNotMatched() {
        assertThat(policy("GET", null, "/api/public/..;/admin")).isEqualTo("<refused>");
        assertThat(policy("GET", null, "/api/public/%2e%2e/admin")).isEqualTo("<refused>");
        assertThat(policy("GET", null, "/api/public%2F..%2Fadmin")).isEqualTo("<refused>");
        assertThat(policy("GET", null, "/api/public\\..\\admin")).isEqualTo("<refused>");
        assertThat(policy("", null, "/api/public")).isEqualTo("<refused>");
        assertThat(policy(null, null, "/api/public")).isEqualTo("<refused>");
    }

    @Test
    void hostsCompareWithoutCaseAndPort() {
        assertThat(policy("GET", "OPS.example.com:8443", "/internal/x")).isEqualTo("ops");
        assertThat(policy("GET", "ops.example.com.", "/internal")).isEqualTo("ops");
        assertThat(policy("GET", "api.example.com", "/internal/x")).isEqualTo("<unmatched>");
        assertThat(policy("GET", null, "/internal/x")).isEqualTo("<unmatched>");
    }

    @Test
    void firstMatchWinsAndRootPrefixCatchesAll() {
        RouteTable t = RouteTable.compile(List.of(prefix("/api/admin", "admin"), prefix("/", "default")));
        assertThat(t.select("GET", null, "/api/admin/x")).isEqualTo(new RouteSelection.Matched("admin", 0));
        assertThat(t.select("GET", null, "/anything/else")).isEqualTo(new RouteSelection.Matched("default", 1));
        assertThat(t.select("GET", null, "/")).isEqualTo(new RouteSelection.Matched("default", 1));
    }

    @Test
    void emptyTableIsEmpty() {
        assertThat(RouteTable.compile(List.of()).isEmpty()).isTrue();
        assertThat(API.isEmpty()).isFalse();
    }
}
