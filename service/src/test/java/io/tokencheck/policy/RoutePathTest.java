package io.tokencheck.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RoutePathTest {

    private static String normal(String target) {
        RoutePath p = RoutePath.of(target);
        assertThat(p).as(target).isInstanceOf(RoutePath.Normal.class);
        return ((RoutePath.Normal) p).path();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ' ', value = {
            "/ /",
            "/api/orders /api/orders",
            "/api/orders?id=1&x=/admin /api/orders",
            "/api/orders#frag /api/orders",
            "/api/orders/ /api/orders",
            "//api///orders// /api/orders",
            "/admin/../public /public",
            "/public/../admin /admin",
            "/public/./../admin/x /admin/x",
            "/../../admin /admin",
            "/api/..//admin /admin",
            "/a/b/c/../../admin /a/admin",
            "/api/%6frders /api/orders",
            "/caf%C3%A9 /café",
            "http://evil.example/admin?x /admin",
            "HTTPS://h:8443 /",
            "/api/orders/%7Euser /api/orders/~user",
            "/api/orders/... /api/orders/...",
    })
    void resolvesDotSegmentsSlashesQueryAndEscapes(String target, String expected) {
        assertThat(normal(target)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/admin%2F..%2Fpublic",     // encoded slash: backends disagree on whether it separates segments
            "/admin%2f",
            "/public/%2e%2e/admin",     // encoded dots
            "/public/%2E./admin",
            "/public/.%2e/admin",
            "/public/%252e%252e/admin", // double encoding
            "/public%25",
            "/public/..;/admin",        // servlet containers drop ;... and resolve ..
            "/public;x=1",
            "/public%3B/admin",
            "/public\\..\\admin",       // some backends treat \ as /
            "/public%5c..%5cadmin",
            "/a%00b",                   // control characters
            "/a%0d%0aX: y",
            "/a%7f",
            "/a b",
            "/caf\u00e9",               // raw non-ASCII
            "/bad%C3",                  // invalid UTF-8
            "/bad%FF",
            "/bad%",
            "/bad%4",
            "/bad%zz",
            "admin",                    // not origin form
            "*",
            "",
    })
    void refusesWhatABackendCouldReadDifferently(String target) {
        assertThat(RoutePath.of(target)).as(target).isInstanceOf(RoutePath.Refused.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/admin/../public", "/public/..;/admin", "/a%0d%0aSet-Cookie: x"})
    void refusalReasonNeverEchoesThePath(String target) {
        if (RoutePath.of(target) instanceof RoutePath.Refused r) {
            assertThat(r.why()).doesNotContain("admin").doesNotContain("Set-Cookie");
        }
    }
}
